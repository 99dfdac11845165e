package org.sirgiving.rewards;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.sirgiving.rewards.domain.LedgerEntry;
import org.sirgiving.rewards.domain.TokenPool;
import org.sirgiving.rewards.repository.TokenPoolStore;
import org.sirgiving.rewards.service.PoolLedger;

/** A pool's balance has one writer: {@link PoolLedger}, through the guarded UPDATE of {@link TokenPoolStore}. */
class PoolBalanceWriterTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sirgiving.rewards");

    @Test
    void onlyThePoolLedgerMovesABalance() {
        noClasses()
                .that()
                .doNotBelongToAnyOf(PoolLedger.class, TokenPoolStore.class)
                .should()
                .callMethod(
                        TokenPoolStore.class,
                        "applyDelta",
                        String.class,
                        long.class,
                        LedgerEntry.Type.class,
                        Instant.class)
                .because("every balance change is a guarded UPDATE together with its ledger entry")
                .check(CLASSES);
    }

    @Test
    void noCodeSetsTheMappedBalanceColumns() {
        noClasses()
                .should()
                .setField(TokenPool.class, "balance")
                .orShould()
                .setField(TokenPool.class, "totalAllocated")
                .orShould()
                .setField(TokenPool.class, "totalDistributed")
                .because("the entity maps them read-only: only the guarded UPDATE writes them")
                .check(CLASSES);
    }
}
