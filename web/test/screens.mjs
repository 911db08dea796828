// Browser checks of the learner app's screens beyond the core loop (issue 15), run by e2e.mjs on its page, for its
// learner: one who has passed sum-of-evens (first try) and read a lesson, so the wallet and ledger have real lines.
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

export async function screens({ page, base, check, axe, screenshots }) {
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
}
