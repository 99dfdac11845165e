package org.sirgiving.partnerdocs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sirgiving.kernel.errors.ErrorCode;

/**
 * The partner guides (docs/partners/*.md) stay complete and navigable: every error code the services can answer is
 * explained in errors.md, and no link between the guides (or to the rest of the repository) points nowhere.
 */
class PartnerGuidesTest {
    private static final Path ROOT = Path.of(System.getProperty("sir.root.dir", "../../.."))
            .toAbsolutePath()
            .normalize();
    private static final Path GUIDES = ROOT.resolve("docs/partners");
    /** {@code [text](target)}; images too. Targets with spaces or parentheses are not used in the guides. */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyErrorCodeHasATableRowInErrorsMdUnderItsStatus() {
        List<String> rows = outsideCodeFences(read(GUIDES.resolve("errors.md"))).stream()
                .filter(line -> line.startsWith("|"))
                .toList();
        List<String> missing = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            String quoted = "`" + code.name() + "`";
            boolean explained = rows.stream().anyMatch(row -> {
                String[] cells = row.split("\\|");
                // cells[0] is the text before the first '|': the status is cell 1, the code cell 2
                return cells.length > 3
                        && cells[1].contains(String.valueOf(code.status()))
                        && cells[2].trim().equals(quoted);
            });
            if (!explained) {
                missing.add(code.name() + " (" + code.status() + ")");
            }
        }
        assertTrue(
                missing.isEmpty(),
                "docs/partners/errors.md has no table row \"| <status> | `CODE` | meaning | what to do |\" for: "
                        + missing);
    }

    @Test
    void everyRelativeLinkInTheGuidesPointsToAFileThatExists() throws IOException {
        List<Path> guides;
        try (Stream<Path> files = Files.list(GUIDES)) {
            guides = files.filter(f -> f.getFileName().toString().endsWith(".md"))
                    .sorted()
                    .toList();
        }
        assertFalse(guides.isEmpty(), "no guides in " + GUIDES);
        List<String> broken = new ArrayList<>();
        for (Path guide : guides) {
            for (String line : outsideCodeFences(read(guide))) {
                Matcher m = LINK.matcher(line);
                while (m.find()) {
                    String problem = check(guide, m.group(1));
                    if (problem != null) {
                        broken.add(ROOT.relativize(guide) + ": " + m.group(1) + " — " + problem);
                    }
                }
            }
        }
        assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
    }

    /** Null when the link is fine; else why not. */
    private static String check(Path from, String target) {
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
            return null; // https:, mailto: — not ours to check offline
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? from : from.getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "leaves the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor != null
                && resolved.toString().endsWith(".md")
                && !anchors(resolved).contains(anchor)) {
            return "no heading with that anchor in " + ROOT.relativize(resolved);
        }
        return null;
    }

    /** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path markdown) {
        Set<String> anchors = new HashSet<>();
        for (String line : outsideCodeFences(read(markdown))) {
            if (line.startsWith("#")) {
                String text = line.replaceFirst("^#+\\s*", "").trim();
                anchors.add(text.toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'));
            }
        }
        return anchors;
    }

    /** The lines outside ``` fences: a "# comment" in a shell example is not a heading, a link in code no link. */
    private static List<String> outsideCodeFences(String text) {
        List<String> lines = new ArrayList<>();
        boolean inFence = false;
        for (String line : text.split("\n", -1)) {
            if (line.stripLeading().startsWith("```")) {
                inFence = !inFence;
            } else if (!inFence) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
