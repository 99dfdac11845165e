// The page's settings. Edit them here, or override any of them per visit with a query parameter of the same name
// (index.html?key=pk_test_…&nonprofit=givedirectly&amount=2500). A publishable key is public by design: it only
// looks up nonprofits, creates donation links and reads their status, and only from the origins the partner allows.
window.SIR_DONATE_CONFIG = {
  // The platform's gateway (the local run's by default: deploy/local/up).
  gateway: "http://127.0.0.1:8080",
  // Your publishable key: pk_test_… (sandbox: every link opens the hosted test checkout) or pk_live_….
  key: "",
  // The nonprofit's slug in the directory (GET /v1/partner/organizations?query=… lists them).
  nonprofit: "givedirectly",
  // Integer minor units (2500 = 25.00) and an ISO 4217 currency the nonprofit and provider support.
  amount: 2500,
  currency: "USD",
  // once | monthly
  frequency: "once",
  // every.org | stripe (a pk_test_ link always opens the sandbox checkout, whatever this says)
  provider: "stripe",
  // An optional tip to the platform in percent of the amount (0..100); only if your tipConfig enables tips.
  tipPercent: "",
};
