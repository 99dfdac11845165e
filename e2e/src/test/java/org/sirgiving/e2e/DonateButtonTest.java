package org.sirgiving.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The docs' first scenario in a real browser: the example partner page (examples/donate-button, served from a loopback
 * origin, which a sandbox publishable key is allowed from by default) looks the nonprofit up and creates a donation
 * link with the pk_test_ key alone; headless Chromium follows the link to the hosted sandbox checkout, the donor
 * completes it, and the partner's return page polls the status until it shows COMPLETED with the reward's tokens;
 * the partner's webhook endpoint got a verifiable {@code donation.completed}.
 *
 * <p>Screenshots of the pages go to {@code e2e/target/screenshots/} on every run and, with {@code
 * -Dsir.docs.screenshots=true}, to {@code docs/partners/images/} for the partner guide.
 */
@ExtendWith(LocalRunExtension.class)
class DonateButtonTest {
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    private static LocalRun run;
    private static StaticSite site;
    private static ChromeDriver browser;

    @BeforeAll
    static void start(LocalRun localRun) throws Exception {
        run = localRun;
        // Installs Debian's chromium and chromium-driver where absent (quiet and quick when present), as
        // deploy/local/up installs nginx: running this test alone on a fresh machine needs nothing else.
        run.script(600, "scripts/chromium-up");
        site = new StaticSite(run.repo.resolve("examples/donate-button"));
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void aDonorCompletesTheSandboxCheckoutAndThePartnerPageShowsTheRewardedDonation() throws Exception {
        String gateway = run.gateway();
        PartnerClient partner = sandboxPartner();

        // Tips on, so the checkout shows one: 10 % of 25.00. The setting reaches donations-service through the
        // credential stream; a server-side link (no Origin: not a CORS request) shows when it has arrived.
        PartnerClient.Reply tips = partner.send(
                "PATCH", "/v1/partner/config", "{\"tipConfig\":{\"enabled\":true,\"defaultPercent\":10}}", true);
        assertEquals(200, tips.status(), tips.raw().body());

        JsonNode org = activeUsdOrganization(partner);
        String slug = org.path("slug").asText();
        // Each run is a new partner, so the donor (partnerUserId = the e-mail) is new too; a fixed one keeps the
        // guide's
        // screenshots stable.
        String donorEmail = "ada.lovelace@example.org";
        String probe = "{\"nonprofitSlug\":\"" + slug + "\",\"amount\":100,\"currency\":\"USD\",\"frequency\":\"once\","
                + "\"provider\":\"stripe\",\"donorEmail\":\"probe@example.org\",\"firstName\":\"Probe\","
                + "\"lastName\":\"Only\",\"tipPercent\":10}";
        AtomicReference<PartnerClient.Reply> probed = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        probed.set(partner.send("POST", "/v1/partner/donations/create-link", probe, false));
                        return probed.get().status() == 201;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "tips never reached donations-service: "
                            + probed.get().raw().body(),
                    e);
        }

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            PartnerClient.Reply hook = partner.send(
                    "POST",
                    "/v1/partner/webhooks",
                    "{\"url\":\"" + receiver.url()
                            + "\",\"description\":\"donate button e2e\",\"eventTypes\":[\"donation.completed\"]}",
                    true);
            assertEquals(201, hook.status(), hook.raw().body());
            String webhookSecret = hook.body().path("secret").asText();

            try {
                // 1. The partner's page, from its own origin, with nothing but the publishable key.
                browser.get(site.url("index.html") + "?gateway=" + gateway + "&key=" + partner.publicKey + "&nonprofit="
                        + slug + "&amount=2500&currency=USD&provider=stripe&tipPercent=10");
                WebDriverWait wait = new WebDriverWait(browser, PAGE_WAIT);
                wait.until(ExpectedConditions.textToBe(
                        By.id("org-name"), org.path("name").asText()));
                WebElement donate = wait.until(ExpectedConditions.elementToBeClickable(By.id("donate")));
                WebElement email = browser.findElement(By.id("email"));
                email.clear();
                email.sendKeys(donorEmail);
                screenshot("donate-button-page.png");
                donate.click();

                // 2. The hosted sandbox checkout: nonprofit, amount, tip and donor, as the donor sees them.
                wait.until(ExpectedConditions.urlContains("/donate/checkout/"));
                assertTrue(browser.getCurrentUrl().startsWith(gateway + "/donate/checkout/"), browser.getCurrentUrl());
                WebElement complete = wait.until(ExpectedConditions.elementToBeClickable(By.id("complete")));
                String checkout = browser.findElement(By.tagName("body")).getText();
                assertTrue(checkout.contains(org.path("name").asText()), checkout);
                assertTrue(text("amount").contains("25.00"), "amount on the checkout page:\n" + checkout);
                assertTrue(text("tip").contains("2.50"), "tip on the checkout page:\n" + checkout);
                assertTrue(checkout.contains(donorEmail), "donor on the checkout page:\n" + checkout);
                screenshot("sandbox-checkout.png");
                complete.click();
                // The donor stays on the platform's page (through the gateway), which now says it is complete.
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("thanks")));
                assertTrue(browser.getCurrentUrl().startsWith(gateway + "/donate/checkout/"), browser.getCurrentUrl());
                assertEquals("COMPLETED", text("status"));
                screenshot("sandbox-checkout-completed.png");

                // 3. Back on the partner's site through the checkout's link to the create-link's returnUrl: the
                // return page follows the donation named in its query until it and its reward are settled.
                browser.findElement(By.id("return")).click();
                wait.until(ExpectedConditions.urlContains("/return.html?partnerDonationId=don_"));
                assertTrue(browser.getCurrentUrl().startsWith(site.url("return.html")), browser.getCurrentUrl());
                new WebDriverWait(browser, Duration.ofSeconds(90))
                        .until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-settled", "true"));
                screenshot("donate-button-return.png");
                String partnerDonationId = text("partner-donation-id");
                assertTrue(partnerDonationId.startsWith("don_"), partnerDonationId);
                assertEquals("COMPLETED", text("status"));
                assertEquals("COMPLETED", text("reward-status"));
                long tokensShown = Long.parseLong(text("tokens"));
                assertTrue(tokensShown > 0, "tokens shown: " + tokensShown);

                // The page shows what the API says.
                PartnerClient.Reply status =
                        partner.send("GET", "/v1/partner/donations/status/" + partnerDonationId, null, false);
                assertEquals(200, status.status(), status.raw().body());
                JsonNode donation = status.body();
                assertEquals("COMPLETED", donation.path("status").asText());
                assertEquals(2500, donation.path("amount").asLong());
                assertEquals(250, donation.path("tipAmount").asLong());
                assertEquals(slug, donation.path("nonprofitSlug").asText());
                assertEquals(1, donation.path("charges").size(), donation.toString());
                assertEquals(
                        tokensShown,
                        donation.path("reward").path("tokensDistributed").asLong());
                assertEquals(
                        text("action-id"),
                        donation.path("reward").path("actionId").asText());

                // 4. The partner's endpoint got donation.completed, signed as every delivery is.
                WebhookReceiver.Event event = await().atMost(Duration.ofSeconds(30))
                        .until(
                                () -> receiver.events().stream()
                                        .filter(e -> "donation.completed".equals(e.type())
                                                && partnerDonationId.equals(e.data()
                                                        .path("partnerDonationId")
                                                        .asText()))
                                        .findFirst()
                                        .orElse(null),
                                e -> e != null);
                String timestamp = event.delivery().header("X-SIR-Timestamp");
                assertEquals(
                        "sha256="
                                + PartnerClient.hmacHex(
                                        webhookSecret,
                                        timestamp + "."
                                                + new String(event.delivery().body(), StandardCharsets.UTF_8)),
                        event.delivery().header("X-SIR-Signature"));
                assertEquals(event.id(), event.delivery().header("X-SIR-Event-Id"));
                assertEquals("COMPLETED", event.data().path("status").asText());
                assertEquals(2500, event.data().path("amount").asLong());
                assertEquals(250, event.data().path("tipAmount").asLong());
                assertEquals(slug, event.data().path("nonprofitSlug").asText());
                assertEquals(
                        donation.path("reward").path("actionId").asText(),
                        event.data().path("actionId").asText());
            } catch (AssertionError | RuntimeException e) {
                keepFailureEvidence();
                throw e;
            }
        }
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** A new user's sandbox key pair: the first key creates the partner. */
    private static PartnerClient sandboxPartner() throws Exception {
        String token = run.token("e2e-donor-page-" + UUID.randomUUID(), false);
        PartnerClient.Reply issued = PartnerClient.withJwt(
                run.gateway(),
                "POST",
                "/v1/partner/keys",
                token,
                "{\"name\":\"donate button\",\"environment\":\"sandbox\",\"keyType\":\"standard\"}");
        assertEquals(201, issued.status(), issued.raw().body());
        return new PartnerClient(run.gateway(), issued.body());
    }

    /** A nonprofit of the seeded directory that takes USD, found as a partner's picker finds it. */
    private static JsonNode activeUsdOrganization(PartnerClient partner) throws Exception {
        PartnerClient.Reply list = partner.send("GET", "/v1/partner/organizations?limit=20", null, false);
        assertEquals(200, list.status(), list.raw().body());
        for (JsonNode org : list.body().path("data")) {
            boolean usd = false;
            for (JsonNode c : org.path("currencies")) {
                usd |= "USD".equals(c.asText());
            }
            if ("ACTIVE".equals(org.path("status").asText()) && usd) {
                return org;
            }
        }
        throw new AssertionError(
                "no active USD organization in the directory: " + list.raw().body());
    }

    /** Always under target/screenshots; also in the partner guide's images when asked for. */
    private static void screenshot(String name) throws Exception {
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Files.write(target.resolve(name), png);
        if (Boolean.getBoolean("sir.docs.screenshots")) {
            Path docs = run.repo.resolve("docs/partners/images");
            Files.createDirectories(docs);
            Files.write(docs.resolve(name), png);
        }
    }

    /** The page, its text and a screenshot as the browser had them when an expectation failed. */
    private static void keepFailureEvidence() {
        try {
            Path target = Path.of("target", "screenshots");
            Files.createDirectories(target);
            Files.writeString(
                    target.resolve("failure.html"),
                    "<!-- " + browser.getCurrentUrl() + " -->\n" + browser.getPageSource());
            Files.write(target.resolve("failure.png"), browser.getScreenshotAs(OutputType.BYTES));
            System.err.println("DonateButtonTest: the browser was at " + browser.getCurrentUrl()
                    + "; its page and a screenshot are in e2e/target/screenshots/failure.*");
        } catch (Exception | LinkageError ignored) {
            // Evidence is a courtesy: the original failure is what the run reports.
        }
    }

    /** Headless Debian Chromium through its own chromedriver; Selenium Manager never looks for (or downloads) one. */
    static final class HeadlessChromium {
        private HeadlessChromium() {}

        static ChromeDriver start() {
            ChromeOptions options = new ChromeOptions();
            options.setBinary(onPath("chromium"));
            options.addArguments("--headless=new", "--window-size=1100,760", "--disable-dev-shm-usage", "--lang=en-US");
            if ("root".equals(System.getProperty("user.name"))) {
                // Chromium refuses to run as root with its sandbox on.
                options.addArguments("--no-sandbox");
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(onPath("chromedriver")).toFile())
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(PAGE_WAIT);
            return driver;
        }

        private static String onPath(String tool) {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path candidate = Path.of(dir, tool);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
            throw new IllegalStateException(tool + " is not on PATH: run scripts/chromium-up");
        }
    }

    /** The partner's web server: the example's files over HTTP on a loopback origin. */
    static final class StaticSite implements AutoCloseable {
        private static final Map<String, String> TYPES = Map.of(
                "html", "text/html; charset=utf-8",
                "js", "text/javascript; charset=utf-8",
                "css", "text/css; charset=utf-8",
                "png", "image/png",
                "svg", "image/svg+xml");
        private final com.sun.net.httpserver.HttpServer server;

        StaticSite(Path root) throws java.io.IOException {
            Path base = root.toAbsolutePath().normalize();
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                Path file = base.resolve(path.equals("/") ? "index.html" : path.substring(1))
                        .normalize();
                if (!"GET".equals(exchange.getRequestMethod())
                        || !file.startsWith(base)
                        || !Files.isRegularFile(file)) {
                    exchange.sendResponseHeaders(404, -1);
                    exchange.close();
                    return;
                }
                String name = file.getFileName().toString();
                String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                byte[] bytes = Files.readAllBytes(file);
                exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
        }

        String url(String file) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + file;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
