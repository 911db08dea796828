// Browser checks of the learner app's screens beyond the core loop (issue 15), run by e2e.mjs on its page, for its
// learner: one who has passed sum-of-evens (first try) and read a lesson, so the wallet and ledger have real lines.
import fs from "node:fs";
import path from "node:path";

// Every figure asserted is one the API also answers (read through the page's own token), never a constant copied here.

/** GET a route of the API as the page's learner. */
export async function get(page, route) {
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
  // A level reached, whatever earned it, leaves a note in the header (level 2 is at 50 XP: this login crosses it today).
  const afterLogin = (await get(page, "/me")).body;
  if (afterLogin.level > me0.level) {
    await page.waitForSelector("#level-up");
    check(await page.textContent("#level-up strong") === `Level up! You reached level ${afterLogin.level}.` && await num(page, "#level") === afterLogin.level,
      `the login took the learner from level ${me0.level} to ${afterLogin.level}: the header says so`);
    await page.click("#level-up button");
    check(await page.$("#level-up") === null, "the level-up note can be dismissed");
  } else {
    check(await page.$("#level-up") === null, `no level was reached (level ${afterLogin.level}): no level-up note`);
  }
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

  // Quests: pass the quiz first (answers from its quiz.yaml, through the API), so that at least two of today's
  // three quests are complete whichever the pool chose (only pass-3 is out of reach).
  console.log("quests and leaderboard");
  const quizYaml = fs.readFileSync(path.join(repo, "content", "quizzes", "values-and-types-quiz", "quiz.yaml"), "utf8");
  const answers = {};
  for (const block of quizYaml.split(/^\s+- id: /m).slice(1)) {
    const id = block.split("\n")[0].trim();
    const choice = /^\s+answer:\s*(\d+)/m.exec(block);
    answers[id] = choice ? Number(choice[1]) : /accept:\s*\["([^"]*)"/.exec(block)[1];
  }
  const quiz = await page.evaluate(async (a) => {
    const token = JSON.parse(localStorage.getItem("pyquest.token")).token;
    const res = await fetch("/activities/values-and-types-quiz/answers", { method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": `e2e-quiz-${Date.now()}` },
      body: JSON.stringify({ answers: a }) });
    return res.json();
  }, answers);
  check(quiz.passed === true, `the quiz passes with the answers of its quiz.yaml (${quiz.score} %)`);
  await page.goto(base + "/#/quests");
  let claimable = [];
  for (let i = 0; i < 40 && claimable.length === 0; i++) { // the quest counters follow the facts by a consumer
    claimable = (await get(page, "/quests")).body.daily.filter((q) => q.claimable);
    if (claimable.length === 0) await page.waitForTimeout(250);
  }
  check(claimable.length >= 1, `today's quests include a complete one: ${claimable.map((q) => q.id).join(", ")}`);
  const quest = claimable[0];
  await page.reload();
  await page.waitForSelector(`li[data-quest="${quest.id}"] button[data-claim]`);
  const row = await page.textContent(`li[data-quest="${quest.id}"]`);
  check(row.includes(quest.title) && row.includes(`${quest.progress}/${quest.target}`), `the quest shows its title and progress ${quest.progress}/${quest.target}`);
  const open = (await get(page, "/quests")).body.daily.filter((q) => !q.claimable && !q.claimed);
  for (const q of open) {
    check(await page.$(`li[data-quest="${q.id}"] button[data-claim]`) === null && (await page.textContent(`li[data-quest="${q.id}"]`)).includes(`${q.progress}/${q.target}`),
      `an incomplete quest (${q.id}, ${q.progress}/${q.target}) has no Claim button`);
  }
  await axe(page, "quests");
  const xpBefore = await num(page, "#xp");
  await page.click(`li[data-quest="${quest.id}"] button[data-claim]`);
  await page.waitForSelector("#quest-rewards");
  check((await page.textContent("#quest-rewards")).includes(`+${quest.reward.xp} XP`), `claiming pays the quest's ${quest.reward.xp} XP: "${await page.textContent("#quest-rewards")}"`);
  await page.waitForSelector(`li[data-quest="${quest.id}"] .ok`);
  check((await page.textContent(`li[data-quest="${quest.id}"]`)).includes("Claimed") && await page.$(`li[data-quest="${quest.id}"] button[data-claim]`) === null,
    "the quest now says Claimed, without a Claim button");
  await page.waitForFunction((x) => Number(document.querySelector("#xp")?.textContent) >= x, xpBefore + quest.reward.xp);
  check(await num(page, "#xp") >= xpBefore + quest.reward.xp, "the header's XP rose by the quest's reward");
  await screenshots(page, "11-quests");

  // The leaderboard: this learner is on it, with the XP of the week.
  await page.goto(base + "/#/leaderboard");
  await page.waitForSelector("#my-rank");
  const board = (await get(page, "/leaderboard?period=week&limit=10")).body;
  check(board.me.rank !== null && (await page.textContent("#my-rank")).includes(`#${board.me.rank}`) && (await page.textContent("#my-rank")).includes(`${board.me.xp} XP`),
    `the learner's own rank (#${board.me.rank}, ${board.me.xp} XP) is shown`);
  const rows = await page.$$eval("#leaderboard tbody tr", (l) => l.map((r) => [...r.children].map((c) => c.textContent)));
  check(rows.length === board.top.length && rows.every((r, i) => r[0] === String(board.top[i].rank) && r[1].startsWith(board.top[i].userId) && r[2] === String(board.top[i].xp)),
    `the board lists the API's top ${board.top.length} in order with rank, learner and XP`);
  check(await page.$("#leaderboard tr[aria-current=true]") !== null, "the learner's own row is marked");
  await axe(page, "leaderboard");
  await screenshots(page, "12-leaderboard");

  // Achievements: tiers, progress, rarity from GET /achievements; a hidden one still locked shows only "???".
  console.log("achievements");
  await page.goto(base + "/#/achievements");
  await page.waitForSelector("li.achievement");
  const achievements = (await get(page, "/achievements")).body;
  const unlockedCount = achievements.filter((a) => a.unlocked).length;
  check(await page.textContent("#achievements-summary") === `${unlockedCount} of ${achievements.length} unlocked. Rarity is the share of learners active in the last 30 days who hold it.`
    && await page.$$eval("li.achievement", (l) => l.length) === achievements.length,
    `every achievement is listed, ${unlockedCount} of ${achievements.length} unlocked`);
  const secret = achievements.find((a) => a.hidden && !a.unlocked);
  const secretLi = `li.achievement[data-id="${secret.id}"]`;
  check(await page.textContent(`${secretLi} h2`) === "???" && await page.$(`${secretLi} progress`) === null
    && !(await page.textContent(secretLi)).includes("/"), `a hidden achievement not yet unlocked (${secret.id}) shows ??? and no description or progress`);
  const hello = achievements.find((a) => a.id === "hello-world");
  check(hello.unlocked && (await page.textContent('li.achievement[data-id="hello-world"] .state')).startsWith("Unlocked on ")
    && (await page.textContent('li.achievement[data-id="hello-world"] .rarity')) === `Rarity: ${Math.round(hello.rarity * 100)} % of active learners`,
    `hello-world shows it is unlocked and its rarity (${hello.rarity})`);
  const tiered = achievements.find((a) => a.id === "problem-solver");
  const tieredText = await page.textContent('li.achievement[data-id="problem-solver"]');
  check(tieredText.includes(`${tiered.progress.current}/${tiered.progress.target}`)
    && tiered.levels.every((l) => tieredText.includes(`${l.tier[0].toUpperCase()}${l.tier.slice(1)} ${l.target}`)),
    `a tiered achievement shows its progress ${tiered.progress.current}/${tiered.progress.target} and its tiers`);
  await axe(page, "achievements");
  await screenshots(page, "13-achievements");

  // Skip without a token: the 409 NO_SKIP_TOKEN is a message with the way to the shop, and nothing is skipped.
  console.log("exercise: skip without a token");
  await page.goto(base + "/#/a/fizzbuzz");
  await page.waitForSelector("#skip");
  await page.waitForFunction(() => /You hold 0 tokens/.test(document.querySelector("#skip-held")?.textContent ?? ""));
  expectRefusal(409, "/activities/fizzbuzz/skip");
  await page.click("#skip");
  await page.waitForSelector("#skip-result .error");
  check(/no skip token/i.test(await page.textContent("#skip-result .error")) && await page.$('#skip-result .error a[href="#/shop"]') !== null,
    `skipping without a token says so and links to the shop: "${await page.textContent("#skip-result .error")}"`);
  check(!(await get(page, "/activities")).body.find((a) => a.slug === "fizzbuzz").skipped, "fizzbuzz is not skipped");

  // The profile: GET /me's figures, the ledger, the time zone (a second change within 7 days is refused: 429).
  console.log("profile");
  await page.goto(base + "/#/profile");
  await page.waitForSelector("#ledger");
  const me3 = (await get(page, "/me")).body;
  check(await num(page, "#profile-xp") === me3.xp && await num(page, "#profile-diamonds") === me3.diamonds
    && await num(page, "#profile-badges") === me3.badges && await page.textContent("#profile-streak") === "1 day"
    && await page.textContent("#profile-timezone") === me3.timezone,
    `the profile shows GET /me's figures (${me3.xp} XP, ${me3.diamonds} diamonds, ${me3.badges} badges, streak 1 day, ${me3.timezone})`);
  const ledger = (await get(page, "/me/transactions")).body;
  const lines = await page.$$eval("#ledger tbody tr", (l) => l.map((r) => [...r.children].map((c) => c.textContent)));
  check(lines.length === ledger.length && lines.every((l, i) => l[1] === ledger[i].reason), `the ledger lists the API's ${ledger.length} lines, newest first`);
  check(lines.some((l) => /^first pass.*sum-of-evens$/.test(l[1]) && /^\+\d+ XP$/.test(l[2])), "the ledger lists the first pass of sum-of-evens with its XP");
  check(lines.some((l) => l[1] === "bought: Hint 1 of sum-of-evens" && l[2] === `−${hintPrice} diamonds`), `the ledger lists the hint bought (−${hintPrice} diamonds)`);
  await axe(page, "profile");
  await screenshots(page, "14-profile");
  const zone = me3.timezone === "Europe/Paris" ? "Asia/Tokyo" : "Europe/Paris";
  await page.selectOption("#timezone", zone);
  await page.focus("form.tz button[type=submit]");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#timezone-result .ok");
  check(await page.textContent("#profile-timezone") === zone && (await get(page, "/me")).body.timezone === zone, `the time zone changes to ${zone}`);
  expectRefusal(429, "/me/timezone");
  await page.selectOption("#timezone", "America/New_York");
  await page.click("form.tz button[type=submit]");
  await page.waitForSelector("#timezone-result .error");
  const limited = await page.textContent("#timezone-result .error");
  check(/try again in 7 days/.test(limited) && (await get(page, "/me")).body.timezone === zone,
    `a second change within 7 days shows the 429 as a message and changes nothing: "${limited}"`);
}
