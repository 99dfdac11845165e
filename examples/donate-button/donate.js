// The few lines a partner's page needs: settings, one fetch helper, the three widget calls. No framework, no build.
(function () {
  "use strict";

  const STORAGE_KEY = "sirDonate.pending";
  const FIELDS = ["gateway", "key", "nonprofit", "amount", "currency", "frequency", "provider", "tipPercent"];

  /** config.js, overridden by the query parameters of the same names. */
  function config() {
    const cfg = Object.assign({}, window.SIR_DONATE_CONFIG || {});
    const query = new URLSearchParams(window.location.search);
    for (const name of FIELDS) {
      if (query.has(name)) cfg[name] = query.get(name);
    }
    cfg.gateway = String(cfg.gateway || "").replace(/\/+$/, "");
    return cfg;
  }

  /** A widget call: the publishable key alone, in X-Partner-Key. Rejects with the contract's error body. */
  async function call(cfg, method, path, body) {
    const headers = { "X-Partner-Key": cfg.key };
    const init = { method, headers };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(cfg.gateway + path, init);
    } catch (e) {
      // The browser hides the reason of a network or CORS failure from scripts; say where to look.
      throw new Error("Could not reach " + cfg.gateway + " (is it running, and is this page's origin "
        + window.location.origin + " allowed for the key? See the browser console.)");
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch (e) { /* not JSON: reported below */ }
    if (!response.ok) {
      const err = new Error(json && json.message ? json.code + ": " + json.message : "HTTP " + response.status);
      err.status = response.status;
      err.body = json;
      throw err;
    }
    return json;
  }

  function money(minor, currency) {
    const value = Number(minor) / 100;
    try {
      return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(value);
    } catch (e) {
      return value.toFixed(2) + " " + currency;
    }
  }

  function show(id, text) {
    const el = document.getElementById(id);
    if (el) el.textContent = text;
  }

  function showError(err) {
    const el = document.getElementById("error");
    el.textContent = err.message;
    el.hidden = false;
  }

  // ---- index.html: look the nonprofit up, create the link, send the donor to the checkout ----------------------
  async function donatePage() {
    const cfg = config();
    const form = document.getElementById("donate-form");
    const button = document.getElementById("donate");
    form.amount.value = (Number(cfg.amount) / 100).toFixed(2);
    show("currency", cfg.currency);
    if (!cfg.key) {
      showError(new Error("No publishable key: set key in config.js or add ?key=pk_test_… to the address."));
      return;
    }
    let org;
    try {
      org = await call(cfg, "GET", "/v1/partner/organizations/" + encodeURIComponent(cfg.nonprofit));
    } catch (err) {
      showError(err);
      return;
    }
    show("org-name", org.name);
    show("org-description", org.description || "");
    if (org.logo) {
      const logo = document.getElementById("org-logo");
      logo.src = org.logo;
      logo.alt = org.name;
      logo.hidden = false;
    }
    button.disabled = org.status !== "ACTIVE";

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      button.disabled = true;
      document.getElementById("error").hidden = true;
      const body = {
        nonprofitSlug: org.slug,
        amount: Math.round(Number(form.amount.value) * 100),
        currency: cfg.currency,
        frequency: cfg.frequency,
        provider: cfg.provider,
        donorEmail: form.email.value,
        firstName: form.firstName.value,
        lastName: form.lastName.value,
        // After the checkout the donor comes back here, with ?partnerDonationId=… (&cancelled=true if they left).
        // It must be on an origin the key may be used from (allowedOrigins; loopback pages for a sandbox key).
        returnUrl: new URL("return.html", window.location.href).href,
      };
      if (cfg.tipPercent !== "" && cfg.tipPercent !== undefined && cfg.tipPercent !== null) {
        body.tipPercent = Number(cfg.tipPercent);
      }
      try {
        const link = await call(cfg, "POST", "/v1/partner/donations/create-link", body);
        // Remember the donation so the return page can follow it after the checkout.
        localStorage.setItem(STORAGE_KEY, JSON.stringify({
          partnerDonationId: link.partnerDonationId, gateway: cfg.gateway, key: cfg.key,
        }));
        show("partner-donation-id", link.partnerDonationId);
        document.getElementById("donation-line").hidden = false;
        window.location.assign(link.donationLink);
      } catch (err) {
        showError(err);
        button.disabled = false;
      }
    });
  }

  // ---- return.html: poll the donation's status until it and its reward are settled ----------------------------
  const TERMINAL = ["COMPLETED", "FAILED", "CANCELLED", "EXPIRED"];

  async function returnPage() {
    const cfg = config();
    const query = new URLSearchParams(window.location.search);
    const pending = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null") || {};
    const id = query.get("partnerDonationId") || pending.partnerDonationId;
    if (!query.has("gateway") && pending.gateway) cfg.gateway = pending.gateway;
    if (!query.has("key") && pending.key) cfg.key = pending.key;
    if (!id) {
      showError(new Error("No donation to follow: start one on the donate page."));
      return;
    }
    show("partner-donation-id", id);
    const started = Date.now();
    for (;;) {
      let d;
      try {
        d = await call(cfg, "GET", "/v1/partner/donations/status/" + encodeURIComponent(id));
      } catch (err) {
        showError(err);
        if (err.status && err.status < 500 && err.status !== 429) return;
        d = null;
      }
      if (d) {
        show("status", d.status);
        show("nonprofit", d.nonprofitSlug);
        show("amount", money(d.amount, d.currency));
        show("tip", money(d.tipAmount || 0, d.currency));
        const reward = d.reward;
        show("reward-status", reward ? reward.status : "—");
        show("tokens", reward && reward.status === "COMPLETED" ? String(reward.tokensDistributed) : "—");
        show("action-id", reward ? reward.actionId : "—");
        show("transactions", reward && reward.transactionIds ? reward.transactionIds.join(", ") : "—");
        // A completed donation is settled once its reward is (rewards-service answers within seconds).
        const settled = TERMINAL.includes(d.status) && (d.status !== "COMPLETED" || (reward && reward.status !== "PENDING"));
        if (settled) {
          document.body.dataset.settled = "true";
          return;
        }
      }
      if (Date.now() - started > 10 * 60 * 1000) {
        showError(new Error("Still not settled after 10 minutes; reload to keep watching."));
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }

  window.SirDonate = { donatePage, returnPage };
})();
