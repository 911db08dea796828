// Browser checks of Pro and payments (issue 16), run by e2e.mjs on its page, each with fresh learners signed in
// through the sign-in screen with a country (the dev token's claim, the local stand-in for the edge's country).
// Every figure asserted is one the API also answers (GET /pricing, /me, /me/entitlements), never a constant copied here.
import fs from "node:fs";
import path from "node:path";
import { get } from "./screens.mjs";

/** Signs the page's learner out and a new one in, with a country, through the screens. */
export async function signInAs(page, base, sub, country) {
  await page.goto(base + "/#/");
  // The course map first: a Sign out clicked while the previous screen still renders was undone by that render
  // (one fresh-clone run waited 60 s for the sign-in form).
  await page.waitForSelector('li[data-slug="sum-of-evens"]');
  await page.click("header button:has-text('Sign out')");
  await page.waitForSelector("#country");
  await page.fill("#learner", sub);
  await page.selectOption("#country", country);
  await page.click("form button[type=submit]");
  await page.waitForSelector('li[data-slug="sum-of-evens"]');
  await page.waitForFunction(() => document.querySelector("#xp") !== null);
}

/** The amount as the page's own Intl formats it: the currency's fraction digits (JPY none, EUR two). */
async function formatted(page, m) {
  return page.evaluate(({ amount, currency }) => {
    const f = new Intl.NumberFormat(undefined, { style: "currency", currency });
    return f.format(amount / 10 ** f.resolvedOptions().maximumFractionDigits);
  }, m);
}

/** The Pro screen's prices against GET /pricing: each plan and pack, amount, currency and text. */
async function pricesShown(page, check, who) {
  const pricing = (await get(page, "/pricing")).body;
  const shown = async (id, m) => {
    const el = `#price-${id}`;
    const amount = Number(await page.getAttribute(el, "data-amount"));
    const currency = await page.getAttribute(el, "data-currency");
    const text = await page.textContent(`${el} strong`);
    return amount === m.amount && currency === m.currency && text === await formatted(page, m);
  };
  const all = [["pro-monthly", pricing.pro.monthly], ["pro-yearly", pricing.pro.yearly],
    ...pricing.diamondPacks.map((d) => [d.id, d.price])];
  let same = true;
  for (const [id, m] of all) same = same && await shown(id, m);
  check(same && (await page.$$("#pro-plans li")).length === 2 && (await page.$$("#packs li")).length === pricing.diamondPacks.length,
    `${who} sees GET /pricing's ${pricing.currency} prices (Pro monthly ${await formatted(page, pricing.pro.monthly)}, yearly ${await formatted(page, pricing.pro.yearly)}, ${pricing.diamondPacks.length} packs)`);
  return pricing;
}

/** Buy → the local payment page → Pay, from the Pro screen; answers the Pay screen's result text. */
async function buyThroughScreens(page, check, product, price, what) {
  await page.focus(`#buy-${product}`);
  await page.keyboard.press("Enter"); // from the keyboard
  await page.waitForSelector("#pay");
  check(await page.textContent("#pay-price") === price && /Local test provider/.test(await page.textContent("#local-notice")),
    `${what}: the local payment page shows the price ${price} and says it is the local stand-in for the provider's page`);
  await page.click("#pay");
  await page.waitForSelector("#paid", { timeout: 30_000 });
  return page.textContent("#paid");
}

/** The walkthrough button's answer on an exercise's page: the element it showed. */
async function walkthroughState(page, base, slug) {
  await page.goto(base + `/#/a/${slug}`);
  await page.waitForSelector("#walkthrough");
  await page.click("#walkthrough");
  await page.waitForSelector("#walkthrough-pro, #walkthrough-not-attempted, #walkthrough-text, #walkthrough-result .error");
  return page.$eval("#walkthrough-result > *", (e) => e.id || e.className);
}

export async function pro({ page, base, repo, check, axe, screenshots, expectRefusal, setCode }) {
  const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

  // Two learners, two countries, two price books: what each sees is what GET /pricing answers them.
  console.log("Pro: prices by country");
  await signInAs(page, base, `pro-de-${stamp}`, "DE");
  await page.click("#nav-pro");
  await page.waitForSelector("#pro-plans");
  const de = await pricesShown(page, check, "a learner signed in from DE");
  check(de.country === "DE" && (await page.textContent("#plan-status")).includes("free plan") && await page.$("#pro-badge") === null,
    "the DE learner is on the free plan: no Pro badge in the header");
  await axe(page, "Pro (free plan)");
  await screenshots(page, "15-pro-prices");

  // Premium challenges: tagged Pro on the course map; opened without Pro, a "Pro challenge" page, not an error.
  console.log("Pro: premium challenges and walkthroughs without Pro");
  const activities = (await get(page, "/activities")).body;
  const premium = activities.filter((a) => a.premium).map((a) => a.slug);
  await page.goto(base + "/#/");
  await page.waitForSelector('li[data-slug="sum-of-evens"]');
  const tagged = await page.$$eval("li.activity", (l) => l.filter((x) => x.querySelector(".pro-tag")?.textContent === "Pro").map((x) => x.dataset.slug));
  check(premium.length > 0 && JSON.stringify(tagged.sort()) === JSON.stringify([...premium].sort())
    && (await page.getAttribute(`li[data-slug="${premium[0]}"] a`, "aria-label")).includes("Pro challenge"),
    `the course map tags exactly GET /activities' premium challenges "Pro" (${premium.join(", ")})`);
  expectRefusal(403, `/activities/${premium[0]}`);
  await page.click(`li[data-slug="${premium[0]}"] a`);
  await page.waitForSelector("#pro-challenge");
  check(/Pro challenge/.test(await page.textContent("#pro-challenge")) && await page.$('#pro-challenge a[href="#/pro"]') !== null
    && await page.$(".error") === null && (await get(page, `/activities/${premium[0]}`)).body.code === "PRO_REQUIRED",
    `opening ${premium[0]} without Pro (403 PRO_REQUIRED) shows a "Pro challenge" page linking to the Pro screen, not an error`);
  await axe(page, "Pro challenge without Pro");
  await screenshots(page, "17-pro-challenge");
  expectRefusal(403, "/activities/sum-of-evens/walkthrough");
  check(await walkthroughState(page, base, "sum-of-evens") === "walkthrough-pro"
    && await page.$('#walkthrough-pro a[href="#/pro"]') !== null,
    "without Pro, the walkthrough button explains it is a Pro feature and links to the Pro screen");

  await signInAs(page, base, `pro-jp-${stamp}`, "JP");
  await page.goto(base + "/#/pro");
  await page.waitForSelector("#pro-plans");
  const jp = await pricesShown(page, check, "a learner signed in from JP");
  check(jp.currency !== de.currency && jp.pro.monthly.amount !== de.pro.monthly.amount
    && !/[.,]\d{2}$/.test(await page.textContent("#price-pro-monthly strong")),
    `the JP learner's currency (${jp.currency}) and amounts differ from the DE learner's (${de.currency}), yen without decimals`);

  // Pro monthly bought through the screens: the header says Pro, with GET /me/entitlements' expiry.
  console.log("Pro: buy monthly");
  const paid = await buyThroughScreens(page, check, "pro-monthly", await formatted(page, jp.pro.monthly), "Pro monthly");
  await page.waitForSelector("#pro-badge");
  const ent = (await get(page, "/me/entitlements")).body.pro;
  const expiry = await page.getAttribute("#paid time", "datetime");
  check(ent.active && ent.product === "pro-monthly" && expiry === ent.expiresAt && /Pro is active/.test(paid)
    && await page.textContent("#pro-badge") === "Pro" && (await get(page, "/me")).body.pro === true,
    `after paying, the header shows Pro and the page its expiry (${ent.expiresAt}), as GET /me/entitlements and GET /me say`);
  await axe(page, "local payment page, paid");
  await screenshots(page, "16-paid-pro");
  await page.goto(base + "/#/pro");
  await page.waitForSelector("#plan-status");
  check(/Pro is active until/.test(await page.textContent("#plan-status")) && await page.getAttribute("#plan-status time", "datetime") === ent.expiresAt,
    "the Pro screen's plan says Pro is active until the entitlement's expiry");

  // A diamond pack bought the same way: the header's diamonds rise by the pack's amount.
  console.log("Pro: buy a diamond pack");
  const pack = jp.diamondPacks[0];
  await page.waitForFunction(() => /^\d+$/.test(document.querySelector("#diamonds")?.textContent ?? ""));
  const before = Number(await page.textContent("#diamonds"));
  await buyThroughScreens(page, check, pack.id, await formatted(page, pack.price), `the ${pack.id} pack`);
  await page.waitForFunction((x) => Number(document.querySelector("#diamonds")?.textContent) === x, before + pack.diamonds);
  check(Number(await page.textContent("#diamonds")) === before + pack.diamonds && (await get(page, "/me")).body.diamonds === before + pack.diamonds,
    `the header's diamonds rose from ${before} by the pack's ${pack.diamonds}, as GET /me says`);

  // With the pack's diamonds the shop sells a streak freeze: bought, held, charged once (issue 15's "buys a streak freeze").
  console.log("shop: buy a streak freeze");
  const meBefore = (await get(page, "/me")).body;
  await page.goto(base + "/#/shop");
  await page.waitForSelector("#buy-streak-freeze");
  const freezePrice = (await get(page, "/shop/items")).body.items.find((i) => i.id === "streak-freeze").price;
  await page.focus("#buy-streak-freeze");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#shop-result .ok");
  const bought = await page.textContent("#shop-result .ok");
  const meAfter = (await get(page, "/me")).body;
  await page.waitForFunction((x) => Number(document.querySelector("#diamonds")?.textContent) === x, meBefore.diamonds - freezePrice);
  check(/Bought: Streak freeze/.test(bought) && meAfter.diamonds === meBefore.diamonds - freezePrice
    && meAfter.streak.freezes === meBefore.streak.freezes + 1 && (await page.textContent("#held-streak-freeze")).includes(`You hold ${meAfter.streak.freezes} `),
    `a streak freeze bought in the shop: "${bought}"; ${freezePrice} diamonds charged once, ${meAfter.streak.freezes} held, as GET /me says`);

  // With Pro: the premium challenge is no longer refused; the walkthrough waits for a first submission, then shows.
  console.log("Pro: premium challenges and walkthroughs with Pro");
  await page.goto(base + `/#/a/${premium[0]}`);
  await page.waitForSelector("main .locked-box, main .cm-content");
  check(await page.$("#pro-challenge") === null && (await get(page, `/activities/${premium[0]}`)).status === 200,
    `with Pro, ${premium[0]} opens as any activity (its own page, no "Pro challenge")`);
  check(await walkthroughState(page, base, "sum-of-evens") === "walkthrough-not-attempted"
    && /submit once first/i.test(await page.textContent("#walkthrough-not-attempted")),
    "with Pro, before any submission, the walkthrough says to submit once first");
  await setCode(page, fs.readFileSync(path.join(repo, "content", "exercises", "sum-of-evens", "solution.py"), "utf8"));
  await page.click("#submit");
  await page.waitForSelector("#verdict", { timeout: 90_000 });
  await page.click("#walkthrough");
  await page.waitForSelector("#walkthrough-text");
  const walkthrough = (await get(page, "/activities/sum-of-evens/walkthrough")).body.walkthrough;
  const fences = (walkthrough.match(/^```/gm) ?? []).length / 2;
  const shown = await page.textContent("#walkthrough-text");
  const sentence = walkthrough.split("\n").find((l) => /^[A-Z][^`*#]{30,}$/.test(l.trim()));
  check(fences > 0 && (await page.$$("#walkthrough-text pre")).length === fences && !shown.includes("```") && !/^#/m.test(shown)
    && shown.includes(sentence.trim()),
    `after a submission, the walkthrough's Markdown is rendered (${fences} code blocks, "${sentence.trim().slice(0, 40)}…")`);
  await axe(page, "exercise with its walkthrough");
  await screenshots(page, "18-walkthrough");
}
