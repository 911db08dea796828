// Browser checks of the learner app's screens beyond the core loop (issue 15), run by e2e.mjs on its page, for its
// learner: one who has passed sum-of-evens (first try) and read a lesson, so the wallet and ledger have real lines.
import fs from "node:fs";
import path from "node:path";

// Every figure asserted is one the API also answers (read through the page's own token), never a constant copied here.

/** GET a route of the API as the page's learner. */
async function get(page, route) {
  return page.evaluate(async (r) => {
    const token = JSON.parse(localStorage.getItem("pyquest.token")).token;
    const res = await fetch(r, { headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, body: await res.json() };
  }, route);
}

const num = async (page, sel) => Number((await page.textContent(sel)).trim());

export async function screens({ page, base, repo, check, axe, screenshots, expectRefusal }) {
  // Daily login and streak, on the course map.
  console.log("daily login and streak");
  await page.goto(base + "/#/");
  await page.waitForSelector("#daily-login");
  const me0 = (await get(page, "/me")).body;
  check((await page.textContent("#streak-current")).startsWith(`${me0.streak.current} `)
    && (await page.textContent("#streak-freezes")) === String(me0.streak.freezes),
    `the streak shown is GET /me's (current ${me0.streak.current}, freezes ${me0.streak.freezes})`);
  await page.waitForFunction((x) => Number(document.querySelector("#xp")?.textContent) === x, me0.xp);
  await page.focus("#daily-login");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#daily-rewards");
  check(/\+5 XP/.test(await page.textContent("#daily-rewards")), `the daily login pays its XP: "${await page.textContent("#daily-rewards")}"`);
  check(await page.textContent("#streak-current") === "1 day" && await page.textContent("#streak-longest") === "1 day",
    "the streak moves to 1 day (current and longest) without a reload");
  await page.waitForFunction((x) => Number(document.querySelector("#xp")?.textContent) === x + 5, me0.xp);
  check(await num(page, "#xp") === me0.xp + 5 && await page.textContent("#streak") === "1 day",
    "the header's XP rose by the login's 5 and its streak says 1 day");
  await page.click("#daily-login");
  await page.waitForFunction(() => /Already claimed/.test(document.querySelector("#daily-result")?.textContent ?? ""));
  check(await num(page, "#xp") === me0.xp + 5 && (await get(page, "/me")).body.xp === me0.xp + 5,
    "a second login the same day says so and pays nothing");
  await axe(page, "course map after the daily login");
  await screenshots(page, "8-daily-login");

  // A hint bought on the exercise page, paid from the diamonds the pass earned.
  console.log("exercise: buy a hint");
  const shop0 = (await get(page, "/shop/items")).body;
  const hintPrice = shop0.items.find((i) => i.id === "hint").price;
  const me1 = (await get(page, "/me")).body;
  check(me1.diamonds >= hintPrice, `the learner has ${me1.diamonds} diamonds, enough for a hint (${hintPrice})`);
  await page.goto(base + "/#/a/sum-of-evens");
  await page.waitForSelector("#buy-hint");
  check(await page.$$eval("#hints li", (l) => l.length) === 0 && (await page.textContent("#hint-count")) === "0 of 3 hints revealed.",
    "no hint is shown before one is bought (0 of 3)");
  await page.waitForFunction((p) => document.querySelector("#buy-hint").textContent.includes(`(${p} diamonds)`), hintPrice);
  await page.click("#buy-hint");
  await page.waitForSelector("#hints li");
  const yaml = fs.readFileSync(path.join(repo, "content", "exercises", "sum-of-evens", "exercise.yaml"), "utf8");
  const firstHint = /^hints:\n\s+- "(.*)"/m.exec(yaml)[1];
  check(await page.textContent("#hints li") === firstHint && (await page.textContent("#hint-count")) === "1 of 3 hints revealed.",
    `the bought hint is shown: "${firstHint}"`);
  await page.waitForFunction((d) => Number(document.querySelector("#diamonds")?.textContent) === d, me1.diamonds - hintPrice);
  check(await num(page, "#diamonds") === me1.diamonds - hintPrice, `the header's diamonds fell by the hint's price to ${me1.diamonds - hintPrice}`);
  await page.reload();
  await page.waitForSelector("#hints li");
  check(await page.$$eval("#hints li", (l) => l.length) === 1, "after a reload the exercise page still shows the bought hint (GET /activities/{slug})");
  await axe(page, "exercise with a bought hint");
  await screenshots(page, "9-hint-bought");

  // The shop: a streak freeze costs more than the learner has, and says so.
  console.log("shop");
  await page.goto(base + "/#/shop");
  await page.waitForSelector("#buy-streak-freeze");
  const me2 = (await get(page, "/me")).body;
  const freeze = shop0.items.find((i) => i.id === "streak-freeze");
  check(await num(page, "#shop-diamonds") === me2.diamonds && (await page.textContent("#price-streak-freeze")).startsWith(`${freeze.price} diamonds`),
    `the shop shows the wallet (${me2.diamonds}) and the freeze's price (${freeze.price}) from the API`);
  check(me2.diamonds < freeze.price, `the learner cannot afford a freeze (${me2.diamonds} < ${freeze.price})`);
  expectRefusal(409, "/shop/purchases");
  await page.focus("#buy-streak-freeze");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#shop-result .error");
  const refusal = await page.textContent("#shop-result .error");
  check(/Not enough diamonds/.test(refusal) && refusal.includes(String(freeze.price)) && await page.getAttribute("#shop-result .error", "role") === "alert",
    `a purchase without funds shows the 409 INSUFFICIENT_FUNDS as a message: "${refusal}"`);
  check((await get(page, "/me")).body.diamonds === me2.diamonds && await num(page, "#diamonds") === me2.diamonds, "nothing was charged");
  await axe(page, "shop after a refused purchase");
  await screenshots(page, "10-shop");
}
