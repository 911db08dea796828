#!/usr/bin/env node
// The learner app in a real browser: Debian's chromium driven by playwright-core (which downloads nothing).
// Starts its own local stack (free port, data in a temp folder, stopped and removed afterwards even on failure)
// unless PYQUEST_URL names one already serving. Checks, each with an assertion that can fail:
//   a new learner signs in; the course map shows sum-of-evens open and letter-grade locked with its requirement;
//   Run of a wrong solution shows a failing example with expected and got; Stop ends `while True: pass` within 2 s
//   and the page keeps working (the right code then Runs); Submit of the reference solution shows PASSED and the
//   header's XP rises from 0; letter-grade shows why it is locked (leap-year); axe-core finds no violation on any
//   screen; a lesson read raises the XP; a quiz answer is scored by the server; nothing is fetched from outside our
//   origin; Run agrees with the judge: every open exercise's reference solution passes all its public examples in
//   the browser. Then the screens of test/screens.mjs (daily login and streak, shop, quests, leaderboard,
//   achievements, profile) for the same learner. Last, test/pro.mjs with fresh learners signed in from two countries:
//   prices as GET /pricing has them, Pro and a diamond pack bought through the screens and the local payment page.
//   Then test/style.mjs: cosmetics bought, equipped and seen (header frame, dark editor), and the daily allowance's 429.
// Screenshots at 360x740 and 1280x800 of each screen go to web/target/screenshots/; figures are printed.
// Without chromium: a failure when CI=true, else a clear skip (exit status 77).
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { screens } from "./screens.mjs";
import { pro } from "./pro.mjs";
import { allowance, cosmetics } from "./style.mjs";

const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const repo = path.resolve(web, "..");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const shots = path.join(web, "target", "screenshots");
const ci = process.env.CI === "true";

if (!fs.existsSync(chromiumPath)) {
  const msg = `browser tests: no chromium at ${chromiumPath} (sudo apt-get install -y chromium)`;
  if (ci) { console.error(`${msg}, and CI=true: failing`); process.exit(1); }
  console.error(`${msg}: SKIPPED, not run`);
  process.exit(77);
}
if (!fs.existsSync(path.join(web, "dist", "index.html"))) {
  console.error("browser tests: web/dist is not built (cd web && npm ci && node build.mjs)");
  process.exit(1);
}
const { chromium } = await import("playwright-core");
const pyodideVersion = JSON.parse(fs.readFileSync(path.join(web, "node_modules", "pyodide", "package.json"), "utf8")).version;
const axeSource = fs.readFileSync(path.join(web, "node_modules", "axe-core", "axe.min.js"), "utf8");

const figures = {};
const failures = [];
let stack = null;
let browser = null;

function check(ok, what) {
  if (!ok) throw new Error(`FAILED: ${what}`);
  console.log(`  ok: ${what}`);
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** The local stack as ./pyquest run starts it, on a free port and a fresh data folder. */
async function startStack() {
  const classpath = path.join(repo, "infra", "local", "target", "classpath.txt");
  if (!fs.existsSync(classpath)) throw new Error("the Maven build has not run (infra/local/target/classpath.txt): ./mvnw install -DskipTests");
  const port = await freePort();
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "pyquest-e2e-"));
  const cmd = `. .mvn/jdk.sh && exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "infra/local/target/classes:$(cat infra/local/target/classpath.txt)" dev.pyquest.local.LocalStack`;
  const child = spawn("bash", ["-c", cmd], {
    cwd: repo, stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PYQUEST_PORT: String(port), PYQUEST_DATA: data, PYQUEST_WEB_DIR: path.join(web, "dist"), PYQUEST_HOME: repo },
  });
  const log = fs.createWriteStream(path.join(web, "target", "e2e-stack.log"));
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const s = { child, data, url: `http://127.0.0.1:${port}` };
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the local stack did not print 'PyQuest ready' within 180 s (web/target/e2e-stack.log)")), 180_000);
    const watch = (chunk) => { if (String(chunk).includes("PyQuest ready")) { clearTimeout(timer); resolve(); } };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`the local stack exited (${code}) before it was ready: web/target/e2e-stack.log`)); });
  });
  return s;
}

async function stopStack(s) {
  if (!s) return;
  if (s.child.exitCode === null && s.child.signalCode === null) {
    const exited = new Promise((r) => s.child.once("exit", r));
    s.child.kill("SIGTERM");
    const killer = setTimeout(() => s.child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(killer);
  }
  fs.rmSync(s.data, { recursive: true, force: true });
}

async function axe(page, screen) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const v = result.violations.map((x) => `${x.id} (${x.impact}): ${x.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
  check(v.length === 0, `axe-core: no violations on ${screen}${v.length ? ": " + v.join("; ") : ""}`);
}

async function screenshots(page, name) {
  for (const [w, h] of [[360, 740], [1280, 800]]) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(100);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    check(scroll <= w, `${name} at ${w} px: no horizontal scrolling (content ${scroll} px wide)`);
    await page.screenshot({ path: path.join(shots, `${name}-${w}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function setCode(page, code) {
  await page.click(".cm-content");
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(code);
  const now = await page.evaluate(() => document.querySelector(".cm-content").innerText);
  check(now.replace(/\s+/g, "") === code.replace(/\s+/g, ""), "the editor holds the code typed");
}

async function main() {
  fs.mkdirSync(shots, { recursive: true });
  const base = process.env.PYQUEST_URL ?? (stack = await startStack()).url;
  browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const foreign = [];
  const fetched = [];
  context.on("request", (r) => {
    const u = r.url();
    fetched.push(u);
    if (!u.startsWith(base + "/") && !u.startsWith("data:") && !u.startsWith("blob:")) foreign.push(u);
  });
  const refused = [];
  context.on("response", (r) => { if (r.status() >= 400) refused.push(`${r.status()} ${r.url()}`); });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000); // the machine may be busy (2 cores, the judge, benchmarks): waits are generous, assertions are not
  const errors = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  // Refusals a check provokes on purpose (e.g. 409 INSUFFICIENT_FUNDS) are declared by it: chromium logs every 4xx.
  const refusalsExpected = new Set();
  const expectRefusal = (status, pathname) => refusalsExpected.add(`${status} ${pathname}`);
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const status = /^Failed to load resource: the server responded with a status of (\d+)/.exec(m.text())?.[1];
    // The message's location is the refused resource; should chromium name the page instead, the status alone counts.
    const where = m.location()?.url ? new URL(m.location().url).pathname : "/";
    if (status && [...refusalsExpected].some((e) => e === `${status} ${where}` || (where === "/" && e.startsWith(`${status} `)))) return;
    errors.push(`console: ${m.text()}`);
  });

  // Sign in.
  console.log("sign in");
  const t0 = Date.now();
  await page.goto(base + "/");
  await page.waitForSelector("#learner");
  figures.firstContentfulPaintMs = await page.evaluate(() =>
    Math.round(performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? -1));
  figures.signInInteractiveMs = Date.now() - t0;
  await axe(page, "sign in");
  await screenshots(page, "1-sign-in");
  const learner = `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  check(await page.evaluate(() => document.activeElement?.id) === "learner", "the sign-in field has the focus");
  await page.keyboard.type(learner);
  await page.keyboard.press("Enter");

  // The course map.
  console.log("course map");
  await page.waitForSelector('li[data-slug="sum-of-evens"]');
  await page.waitForFunction(() => document.querySelector("#xp")?.textContent === "0");
  check(await page.textContent("#xp") === "0", "a new learner's header shows 0 XP (GET /me)");
  const open = await page.getAttribute('li[data-slug="sum-of-evens"]', "class");
  check(!open.includes("locked"), "sum-of-evens is open on the course map");
  const lockedClass = await page.getAttribute('li[data-slug="letter-grade"]', "class");
  check(lockedClass.includes("locked"), "letter-grade is locked on the course map");
  const lockedText = await page.textContent('li[data-slug="letter-grade"]');
  check(/leap year/i.test(lockedText) && await page.$('li[data-slug="letter-grade"] a[href="#/a/leap-year"]') !== null,
    `letter-grade says what unlocks it (leap-year): "${lockedText.trim()}"`);
  check(await page.$(".next a") !== null, "the next step from GET /me/next is shown");
  await axe(page, "course map");
  await screenshots(page, "2-course-map");

  // An exercise: Run a wrong solution.
  console.log("exercise: Run");
  const navStart = Date.now();
  await page.click('li[data-slug="sum-of-evens"] a');
  await page.waitForSelector(".cm-content");
  check((await page.textContent("h1")).trim() === "Sum of evens", "the exercise page opens");
  figures.exercisePageMs = Date.now() - navStart;
  check(await page.$$eval(".examples li", (l) => l.length) === 3, "its three public examples are listed");
  const status0 = await page.textContent("#python-status");
  await setCode(page, "def sum_of_evens(nums):\n    return sum(nums)\n");
  await page.click("#run");
  await page.waitForSelector("#run-summary", { timeout: 120_000 });
  figures.pyodideColdToFirstRunMs = Date.now() - navStart;
  console.log(`  (Python status when the page appeared: "${status0}")`);
  check((await page.textContent("#run-summary")).startsWith("0 of 3 examples pass"), "the wrong solution fails the examples");
  const first = await page.$('#run-results li[data-status="WRONG_ANSWER"]');
  check(first !== null, "a failing example is shown");
  const expected = await first.$eval(".expected", (e) => e.textContent);
  const got = await first.$eval(".got", (e) => e.textContent);
  check(expected === "6" && got === "10", `it shows expected 6 and got 10 for [1, 2, 3, 4] (expected ${expected}, got ${got})`);
  await axe(page, "exercise after a failing Run");
  await screenshots(page, "3-exercise-run-failing");

  // A warm Run, from the keyboard: Ctrl+Enter in the editor.
  await page.evaluate(() => document.querySelector("#run-results").replaceChildren());
  await page.focus(".cm-content");
  const warm = Date.now();
  await page.keyboard.press("Control+Enter");
  await page.waitForSelector("#run-summary");
  figures.warmRunMs = Date.now() - warm;
  check((await page.textContent("#run-summary")).startsWith("0 of 3"), "Ctrl+Enter in the editor Runs the examples again");

  // Stop a runaway loop.
  console.log("exercise: Stop");
  await setCode(page, "def sum_of_evens(nums):\n    while True:\n        pass\n");
  await page.click("#run");
  await page.waitForTimeout(1000);
  check(await page.isEnabled("#stop"), "Stop is enabled while the code runs");
  // Timed in the page, from the click to the "Stopped" message: what the learner sees, not the test's round trips
  // (the machine may be busy).
  await page.evaluate(() => {
    window.__stopped = new Promise((resolve) => {
      document.querySelector("#stop").addEventListener("click", () => {
        const t0 = performance.now();
        const seen = () => document.querySelector("#run-results .stopped");
        const obs = new MutationObserver(() => { if (seen()) { obs.disconnect(); resolve(performance.now() - t0); } });
        obs.observe(document.body, { subtree: true, childList: true });
      }, { once: true, capture: true });
    });
  });
  await page.click("#stop");
  figures.stopMs = Math.round(await page.evaluate(() => window.__stopped));
  check(figures.stopMs < 2000, `Stop ended the infinite loop in ${figures.stopMs} ms (< 2 s)`);
  const lag = await page.evaluate(() => new Promise((r) => { const t = performance.now(); setTimeout(() => r(performance.now() - t), 0); }));
  check(lag < 500 && await page.isEnabled("#run"), `the page responds after Stop (a timer ran after ${Math.round(lag)} ms; Run is enabled)`);
  const reference = fs.readFileSync(path.join(repo, "content", "exercises", "sum-of-evens", "solution.py"), "utf8");
  await setCode(page, reference);
  const again = Date.now();
  await page.click("#run");
  await page.waitForSelector("#run-summary", { timeout: 120_000 });
  figures.restartToRunMs = Date.now() - again;
  check((await page.textContent("#run-summary")).startsWith("3 of 3 examples pass"), "after Stop, a fresh Python runs the reference: 3 of 3 pass");

  // Submit the reference.
  console.log("exercise: Submit");
  const submitAt = Date.now();
  await page.click("#submit");
  await page.waitForSelector("#verdict", { timeout: 90_000 });
  figures.submitToVerdictMs = Date.now() - submitAt;
  const verdict = await page.textContent("#verdict");
  check(verdict.startsWith("PASSED"), `the judge's verdict is PASSED (${verdict})`);
  await page.waitForFunction(() => Number(document.querySelector("#xp")?.textContent) > 0, null, { timeout: 20_000 });
  const xp = Number(await page.textContent("#xp"));
  check(xp > 0, `the header's XP rose from 0 to ${xp} (GET /me)`);
  check(await page.$("#rewards") !== null && /XP/.test(await page.textContent("#rewards")), "the submission's rewards are listed");
  // Rewards as they arrive: the first pass's badge (hello-world) lands after the XP, on the same page, no reload.
  await page.waitForFunction(() => /Badge: hello-world/.test(document.querySelector("#rewards")?.textContent ?? ""), null, { timeout: 20_000 });
  check(/\+\d+ XP/.test(await page.textContent("#rewards")) && /\+\d+ diamonds?/.test(await page.textContent("#rewards")),
    `the rewards show XP, diamonds and the hello-world badge: "${(await page.textContent("#rewards")).replace(/\s+/g, " ")}"`);
  await page.waitForFunction(() => Number(document.querySelector("#diamonds")?.textContent) > 0, null, { timeout: 20_000 });
  check(Number(await page.textContent("#diamonds")) > 0, `the header's diamonds rose from 0 to ${await page.textContent("#diamonds")} without a reload`);
  await axe(page, "exercise after a passing Submit");
  await screenshots(page, "4-exercise-passed");

  // A locked activity.
  console.log("locked activity");
  await page.goto(base + "/#/a/letter-grade");
  await page.waitForSelector(".locked-box");
  const why = await page.textContent("main");
  check(/Locked/.test(why) && /leap year/i.test(why) && await page.$('main a[href="#/a/leap-year"]') !== null,
    "letter-grade's page says it is locked and that leap-year opens it");
  await axe(page, "locked activity");
  await screenshots(page, "5-locked");

  // A lesson read, then its quiz answered (scored on the server).
  console.log("lesson and quiz");
  const xpBefore = Number(await page.textContent("#xp"));
  await page.goto(base + "/#/a/values-and-types-basics");
  await page.waitForSelector("#complete");
  check((await page.$$(".statement p")).length > 0, "the lesson's Markdown is rendered");
  await axe(page, "lesson");
  await screenshots(page, "6-lesson");
  await page.click("#complete");
  await page.waitForSelector("#lesson-result .ok");
  check((await page.textContent("#lesson-result")).includes("Marked as read"), "the lesson is marked as read (first completion)");
  await page.waitForFunction((b) => Number(document.querySelector("#xp")?.textContent) > b, xpBefore, { timeout: 20_000 });
  check(Number(await page.textContent("#xp")) > xpBefore, "reading the lesson raised the header's XP");
  await page.goto(base + "/#/a/values-and-types-quiz");
  await page.waitForSelector("#quiz fieldset");
  const quizYaml = fs.readFileSync(path.join(repo, "content", "quizzes", "values-and-types-quiz", "quiz.yaml"), "utf8");
  const firstAnswer = Number(/^\s+answer:\s*(\d+)/m.exec(quizYaml)[1]);
  await page.check(`#q-q1-${firstAnswer}`);
  await axe(page, "quiz");
  await page.click("#quiz button[type=submit]");
  await page.waitForSelector("#quiz-score");
  const score = await page.textContent("#quiz-score");
  const rows = await page.$$eval("#quiz-result li", (l) => l.map((x) => x.textContent));
  check(rows.length === (await page.$$("#quiz fieldset")).length && rows[0].startsWith("Right: question 1")
    && rows.slice(1).every((r) => r.startsWith("Not answered")) && /not passed/.test(score),
    `the quiz is scored by the server: question 1 right, the rest not answered, not passed (${score})`);
  await axe(page, "quiz result");
  await screenshots(page, "7-quiz-scored");

  // The screens of issue 15 (test/screens.mjs), for this learner: it has passed sum-of-evens and read a lesson.
  await screens({ page, base, repo, check, axe, screenshots, figures, expectRefusal });

  // Run agrees with the judge on public examples: every open exercise's reference passes them in the browser.
  console.log("Run/Submit agreement on open exercises");
  const exercises = await page.evaluate(async () => {
    const token = JSON.parse(localStorage.getItem("pyquest.token")).token;
    const list = await (await fetch("/activities", { headers: { Authorization: `Bearer ${token}` } })).json();
    const out = [];
    for (const a of list.filter((x) => x.kind === "exercise" && !x.locked)) {
      out.push(await (await fetch(`/activities/${a.slug}`, { headers: { Authorization: `Bearer ${token}` } })).json());
    }
    return out;
  });
  check(exercises.length >= 5, `${exercises.length} open exercises to check`);
  const workerUrl = "/assets/" + fs.readdirSync(path.join(web, "dist", "assets")).find((f) => /^worker-.*\.js$/.test(f));
  const jobs = exercises.map((a) => ({
    slug: a.slug, function: a.function, examples: a.examples,
    code: fs.readFileSync(path.join(repo, "content", "exercises", a.slug, "solution.py"), "utf8"),
  }));
  const reports = await page.evaluate(async ({ workerUrl, jobs }) => {
    const w = new Worker(workerUrl, { type: "module" });
    const results = [];
    let id = 0;
    for (const j of jobs) {
      const my = ++id;
      const r = await new Promise((resolve, reject) => {
        w.onmessage = (e) => { if (e.data.type === "result" && e.data.id === my) resolve(e.data); if (e.data.type === "broken") reject(new Error(e.data.message)); };
        w.postMessage({ id: my, code: j.code, function: j.function, examples: j.examples });
      });
      results.push({ slug: j.slug, ok: r.compile.ok, statuses: r.results.map((x) => `${x.name}: ${x.status} ${x.got ?? ""} vs ${x.expected}`) });
    }
    w.terminate();
    return results;
  }, { workerUrl, jobs });
  for (const r of reports) {
    const bad = r.statuses.filter((s) => !/: PASSED /.test(s));
    check(r.ok && r.statuses.length > 0 && bad.length === 0, `${r.slug}: the reference passes its ${r.statuses.length} public examples in the browser${bad.length ? ": " + bad.join("; ") : ""}`);
  }

  // Pro and payments (test/pro.mjs): fresh learners, after the checks above that read the first learner's token.
  await pro({ page, base, repo, check, axe, screenshots, expectRefusal, setCode });
  // Cosmetics and the daily allowance (test/style.mjs): fresh learners again.
  await cosmetics({ page, base, check, axe, screenshots, expectRefusal });
  await allowance({ page, base, check, axe, screenshots, expectRefusal, setCode, figures });

  check(errors.length === 0, `no page errors or console errors${errors.length ? ": " + errors.join(" | ") + " | " + refused.join(", ") : ""}`);
  check(fetched.some((u) => u === `${base}/pyodide/${pyodideVersion}/pyodide.asm.wasm`) && fetched.some((u) => u.endsWith("/python_stdlib.zip")),
    "the Pyodide runtime (wasm, standard library) was fetched from our origin, and requests of the worker are watched");
  check(foreign.length === 0, `nothing fetched from outside ${base}${foreign.length ? ": " + foreign.join(", ") : ""}`);
}

let code = 0;
const interrupted = () => { console.error("browser tests: interrupted"); void cleanup().then(() => process.exit(130)); };
process.once("SIGINT", interrupted);
process.once("SIGTERM", interrupted);
async function cleanup() {
  try { await browser?.close(); } catch { /* closing anyway */ }
  await stopStack(stack);
  stack = null;
}
try {
  await main();
  console.log(`browser tests: passed. Figures (ms): ${JSON.stringify(figures)}`);
  console.log(`screenshots: ${path.relative(repo, shots)}/`);
} catch (e) {
  failures.push(e);
  console.error(`browser tests: ${e.stack ?? e}`);
  console.error(`figures so far (ms): ${JSON.stringify(figures)}`);
  code = 1;
} finally {
  await cleanup();
}
process.exit(code);
