// Browser checks of cosmetics and of the daily allowance (issue 16), run by e2e.mjs on its page, each with a fresh
// learner signed in through the sign-in screen. Diamonds and submissions are got honestly, through the API the app
// uses (a diamond pack paid on the local provider; judged submissions awaited one by one); every figure asserted is
// one the API also answers.
import { get } from "./screens.mjs";
import { signInAs } from "./pro.mjs";

/** A request of the API as the page's learner, with a fresh Idempotency-Key for a mutation: status, headers, body. */
async function call(page, method, route, body) {
  return page.evaluate(async ({ method, route, body }) => {
    const token = JSON.parse(localStorage.getItem("pyquest.token")).token;
    const headers = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    if (body !== undefined) { headers["Content-Type"] = "application/json"; headers["Idempotency-Key"] = `test-${crypto.randomUUID()}`; }
    const res = await fetch(route, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, retryAfter: res.headers.get("Retry-After"), limit: res.headers.get("RateLimit-Limit"), body: await res.json() };
  }, { method, route, body });
}

/** The computed style of the first element a selector finds. */
const css = (page, sel, prop) => page.$eval(sel, (e, p) => getComputedStyle(e).getPropertyValue(p), prop);

/** WCAG relative luminance of a computed rgb() colour. */
function luminance(rgb) {
  const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).slice(0, 3).map((v) => Number(v) / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export async function cosmetics({ page, base, check, axe, screenshots, expectRefusal }) {
  const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  console.log("cosmetics: diamonds bought, frame and theme bought in the shop");
  await signInAs(page, base, `style-${stamp}`, "US");
  // Two packs: after both cosmetics the wallet still covers the frame, so its second purchase is refused for the limit.
  const pack = (await get(page, "/pricing")).body.diamondPacks[0];
  for (let n = 0; n < 2; n++) {
    const checkout = await call(page, "POST", "/checkout", { product: pack.id });
    const paid = await call(page, "POST", `/dev/payments/${encodeURIComponent(checkout.body.checkoutId)}/complete`, {});
    check(checkout.status === 201 && paid.status === 200 && paid.body.webhookStatus === 200,
      `POST /checkout opened a checkout for ${pack.id} (${checkout.status}), the local provider paid it (webhook ${paid.body.webhookStatus})`);
  }
  const shop0 = (await get(page, "/shop/items")).body;
  const gold = shop0.items.find((i) => i.id === "frame-gold");
  const midnight = shop0.items.find((i) => i.id === "theme-midnight");
  check(shop0.diamonds === 2 * pack.diamonds && gold.cosmetic === "frame" && midnight.cosmetic === "theme" && gold.maxHeld === 1
    && 2 * gold.price + midnight.price <= shop0.diamonds,
    `the learner holds two packs' ${shop0.diamonds} diamonds, enough for frame-gold (${gold.price}) twice and theme-midnight (${midnight.price})`);

  // A second tab's shop, opened before the purchase: its Buy is stale, which is how a second purchase happens.
  const stale = await page.context().newPage();
  await stale.goto(base + "/#/shop");
  await stale.waitForSelector("#buy-frame-gold");

  await page.goto(base + "/#/shop");
  await page.waitForSelector("#buy-frame-gold");
  check(await page.$("#owned-frame-gold") === null && await page.$("#buy-theme-midnight") !== null,
    "before buying, the cosmetics have a Buy button and are not marked Owned");
  await page.click("#buy-frame-gold");
  await page.waitForSelector("#owned-frame-gold");
  await page.click("#buy-theme-midnight");
  await page.waitForSelector("#owned-theme-midnight");
  const shop1 = (await get(page, "/shop/items")).body;
  check(/Owned/.test(await page.textContent("#owned-frame-gold")) && await page.$("#buy-frame-gold") === null
    && shop1.items.find((i) => i.id === "frame-gold").held === 1 && shop1.items.find((i) => i.id === "theme-midnight").held === 1
    && shop1.diamonds === shop0.diamonds - gold.price - midnight.price && await page.textContent("#shop-diamonds") === String(shop1.diamonds),
    `bought, frame-gold and theme-midnight say Owned with no Buy button; GET /shop/items holds one of each and ${shop1.diamonds} diamonds`);
  await axe(page, "shop with owned cosmetics");
  await screenshots(page, "19-shop-owned");

  expectRefusal(409, "/shop/purchases");
  await stale.click("#buy-frame-gold");
  await stale.waitForSelector("#shop-result .error");
  const refusal = await stale.textContent("#shop-result .error");
  await stale.waitForSelector("#owned-frame-gold");
  check(/You hold as many as allowed/.test(refusal) && /Nothing was charged/.test(refusal)
    && (await get(page, "/me")).body.diamonds === shop1.diamonds,
    `a second purchase of frame-gold (from a stale tab) shows the shop's 409 message and charges nothing: "${refusal}"; the tab then says Owned`);
  await stale.close();

  console.log("cosmetics: equipped on the profile, shown in the header and the editor");
  const title = shop1.items.find((i) => i.id === "title-bug-hunter");
  await page.click("#buy-title-bug-hunter");
  await page.waitForSelector("#owned-title-bug-hunter");
  await page.goto(base + "/#/profile");
  await page.waitForSelector("#style-frame");
  const options = async (slot) => page.$$eval(`#style-${slot} option`, (o) => o.map((x) => x.value));
  check(JSON.stringify(await options("frame")) === JSON.stringify(["", "frame-gold"])
    && JSON.stringify(await options("theme")) === JSON.stringify(["", "theme-midnight"])
    && JSON.stringify(await options("title")) === JSON.stringify(["", "title-bug-hunter"])
    && await page.textContent("#equipped-frame") === "None" && await page.$("#avatar[data-frame]") === null
    && await page.$("#learner-title") === null,
    "the Style section offers only owned cosmetics per slot (gold frame, midnight theme, bug-hunter title) and shows none equipped");
  await page.selectOption("#style-frame", "frame-gold");
  await page.selectOption("#style-theme", "theme-midnight");
  await page.selectOption("#style-title", "title-bug-hunter");
  await page.click("#style-save");
  await page.waitForSelector("#style-result .ok");
  await page.waitForSelector('#avatar[data-frame="frame-gold"]');
  const border = await css(page, "#avatar", "border-top-color");
  const me1 = (await get(page, "/me")).body;
  check(border === "rgb(212, 160, 23)" && me1.cosmetics.frame === "frame-gold" && me1.cosmetics.theme === "theme-midnight"
    && me1.cosmetics.title === "title-bug-hunter" && await page.textContent("#equipped-frame") === gold.title
    && await page.textContent("#equipped-theme") === midnight.title && await page.textContent("#equipped-title") === title.title
    && await page.textContent("#learner-title") === "Bug hunter",
    `equipped: the header's avatar has the gold frame (border ${border}), "Bug hunter" under the name; GET /me agrees (${JSON.stringify(me1.cosmetics)})`);
  await axe(page, "profile with the style equipped");
  await screenshots(page, "20-style");

  // A cosmetic not owned (a stale or forged choice): the 409 NOT_OWNED is a message, and nothing changes.
  expectRefusal(409, "/me/cosmetics");
  await page.evaluate(() => {
    const s = document.querySelector("#style-frame");
    s.append(new Option("Bronze frame", "frame-bronze"));
    s.value = "frame-bronze";
  });
  await page.click("#style-save");
  await page.waitForSelector("#style-result .error");
  check(/do not own/.test(await page.textContent("#style-result .error")) && (await get(page, "/me")).body.cosmetics.frame === "frame-gold"
    && await page.getAttribute("#avatar", "data-frame") === "frame-gold",
    `equipping a frame not owned shows the 409 NOT_OWNED as a message and changes nothing: "${await page.textContent("#style-result .error")}"`);

  await page.goto(base + "/#/a/sum-of-evens");
  await page.waitForSelector(".cm-editor .cm-content");
  const dark = await css(page, ".cm-editor", "background-color");
  const ink = await css(page, ".cm-content", "color");
  check(luminance(dark) < 0.05 && luminance(ink) > 0.6,
    `with theme-midnight, the editor's background is dark (${dark}) and its text light (${ink})`);
  await axe(page, "exercise with the midnight theme");
  await screenshots(page, "21-editor-midnight");

  console.log("cosmetics: unequipped");
  await page.goto(base + "/#/profile");
  await page.waitForSelector("#style-frame");
  check(await page.inputValue("#style-frame") === "frame-gold" && await page.inputValue("#style-theme") === "theme-midnight",
    "the Style section opens with GET /me's equipped frame and theme selected");
  await page.selectOption("#style-frame", "");
  await page.selectOption("#style-theme", "");
  await page.selectOption("#style-title", "");
  await page.click("#style-save");
  await page.waitForSelector("#style-result .ok");
  await page.waitForFunction(() => !document.querySelector("#avatar")?.hasAttribute("data-frame"));
  const me2 = (await get(page, "/me")).body;
  check(me2.cosmetics.frame === null && me2.cosmetics.theme === null && me2.cosmetics.title === null
    && await css(page, "#avatar", "border-top-color") !== border && await page.$("#learner-title") === null
    && await page.textContent("#equipped-frame") === "None",
    "unequipped: GET /me has no frame, theme nor title; the header's avatar lost the gold frame and the title");
  await page.goto(base + "/#/a/sum-of-evens");
  await page.waitForSelector(".cm-editor .cm-content");
  const light = await css(page, ".cm-editor", "background-color");
  check(luminance(light === "rgba(0, 0, 0, 0)" ? "rgb(255, 255, 255)" : light) > 0.8,
    `unequipped, the editor is light again (${light})`);
}

export async function allowance({ page, base, check, axe, screenshots, expectRefusal, setCode, figures }) {
  const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  console.log("daily allowance: 50 judged submissions, then Submit in the page");
  await signInAs(page, base, `allowance-${stamp}`, "US");
  // A zone whose midnight is not UTC's (+05:30): the reset shown must be the learner's midnight.
  const zone = await call(page, "PUT", "/me/timezone", { timezone: "Asia/Kolkata" });
  check(zone.status === 200 && zone.body.timezone === "Asia/Kolkata", "the learner's time zone is Asia/Kolkata");
  const t0 = Date.now();
  const judged = await page.evaluate(async () => {
    const token = JSON.parse(localStorage.getItem("pyquest.token")).token;
    const auth = { Authorization: `Bearer ${token}`, Accept: "application/json" };
    const statuses = [];
    for (let i = 0; i < 50; i++) {
      const res = await fetch("/activities/sum-of-evens/submissions", {
        method: "POST", headers: { ...auth, "Content-Type": "application/json", "Idempotency-Key": `allowance-${i}-${crypto.randomUUID()}` },
        body: JSON.stringify({ code: `def sum_of_evens(nums):\n    return ${i}\n` }) });
      if (res.status !== 202) { statuses.push(`POST ${res.status}`); break; }
      const { submissionId } = await res.json();
      let s;
      do s = await (await fetch(`/submissions/${submissionId}?wait=20`, { headers: auth })).json();
      while (!["PASSED", "FAILED", "ERROR"].includes(s.status));
      statuses.push(s.status);
    }
    return statuses;
  });
  figures.fiftySubmissionsJudgedMs = Date.now() - t0;
  check(judged.length === 50 && judged.every((s) => s === "FAILED"), `50 wrong submissions were accepted and judged FAILED, one after another (${judged.slice(-1)})`);
  expectRefusal(429, "/activities/sum-of-evens/submissions");
  const refused = await call(page, "POST", "/activities/sum-of-evens/submissions", { code: "def sum_of_evens(nums):\n    return 0\n" });
  const me = (await get(page, "/me")).body;
  check(refused.status === 429 && refused.body.code === "DAILY_RUNS_EXHAUSTED" && Number(refused.retryAfter) > 0 && refused.limit === "50",
    `the 51st is refused: 429 DAILY_RUNS_EXHAUSTED, Retry-After ${refused.retryAfter} s, RateLimit-Limit ${refused.limit}`);

  await page.goto(base + "/#/a/sum-of-evens");
  await page.waitForSelector(".cm-content");
  await setCode(page, "def sum_of_evens(nums):\n    return sum(n for n in nums if n % 2 == 0)\n");
  const at = Date.now();
  await page.click("#submit");
  await page.waitForSelector("#daily-allowance");
  const text = (await page.textContent("#daily-allowance")).replace(/\s+/g, " ");
  const reset = Date.parse(await page.getAttribute("#allowance-reset", "datetime"));
  const expected = at + Number(refused.retryAfter) * 1000;
  check(/used today's 50 judged submissions/.test(text) && text.includes(me.timezone) && Math.abs(reset - expected) < 120_000
    && new Date(reset).toLocaleString("en-GB", { timeZone: me.timezone, hour: "2-digit", minute: "2-digit" }) === "00:00"
    && await page.$("#submission .error") === null,
    `Submit shows the allowance message, not a generic error: it resets at midnight in ${me.timezone} (${new Date(reset).toISOString()}): "${text}"`);
  check(/Run examples still works/.test(text) && await page.getAttribute("#allowance-pro", "href") === "#/pro",
    "the message says Run in the browser still works and links to Pro");
  await axe(page, "exercise with the daily allowance used");
  await screenshots(page, "22-daily-allowance");
  await page.click("#run");
  await page.waitForSelector("#run-summary", { timeout: 120_000 });
  check((await page.textContent("#run-summary")).startsWith("3 of 3 examples pass"), "Run in the browser still works: 3 of 3 examples pass");
  await page.click("#allowance-pro");
  await page.waitForSelector("#pro-plans");
  check(await page.$("#pro-plans") !== null, "the message's link opens the Pro screen");
}
