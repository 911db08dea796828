// PyQuest's learner app: plain TypeScript and the DOM, hash routes (#/, #/signin, #/a/<slug>, #/pro, #/pay/<checkout>).
// Every figure on screen is one the API returned; nothing is made up while waiting.
import "./style.css";
import { api, ApiError, explain, hasCode, session, signIn, signOut } from "./api";
import type { Checkout, Cosmetics, CosmeticSlot, DiamondPack, Entitlements, Money, Pricing } from "./api";
import type { Achievement, Activity, ActivitySummary, Answers, Me, NextStep, Quest, Quests, QuizResult, Requirement, Reward, Shop, ShopItem, SkillMastery, Streak, Submission, TestResult } from "./api";
import { renderMarkdown } from "./markdown";
import { createEditor } from "./editor";
import type { Editor } from "./editor";
import { runner, Stopped } from "./runner";
import type { RunnerState } from "./runner";
import type { RunReport } from "./protocol";

type Child = Node | string | null | undefined | false;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {},
                                                  ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === "class") el.className = String(v);
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

const main = document.getElementById("main")!;
const header = document.getElementById("header")!;
const announcer = document.getElementById("announce")!;

function announce(text: string): void {
  announcer.textContent = "";
  setTimeout(() => { announcer.textContent = text; }, 50);
}

/** Each navigation gets a number; a screen whose answers arrive after the learner moved on draws nothing. */
let generation = 0;
let me: Me | null = null;
let cleanup: (() => void) | null = null;
/** The exercise page's editor while one is shown: it takes the equipped theme whenever GET /me is read again. */
let liveEditor: Editor | null = null;

function show(title: string, ...children: Child[]): HTMLHeadingElement {
  const h1 = h("h1", { tabindex: "-1" }, title);
  main.replaceChildren(h1, ...children.filter((c): c is Node | string => !!c));
  document.title = `${title} · PyQuest`;
  return h1;
}

function errorBox(e: unknown): HTMLElement {
  const box = h("div", { class: "error", role: "alert" }, explain(e));
  if (e instanceof ApiError && e.code === "ACTIVITY_LOCKED" && e.requires.length) box.append(requirements(e.requires));
  if (e instanceof ApiError && e.status === 401) box.append(" ", h("a", { href: "#/signin" }, "Sign in"));
  if (hasCode(e, "PRO_REQUIRED")) box.append(" ", h("a", { href: "#/pro" }, "See PyQuest Pro"));
  return box;
}

// ---- header ----

async function refreshMe(): Promise<Me | null> {
  if (!session()) { me = null; renderHeader(); return null; }
  try {
    me = await api.me();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) me = null;
  }
  renderHeader();
  return me;
}

/** The level the header last showed, and the note a rise leaves there (whatever earned it: a pass, a login, a quest). */
let shownLevel: number | null = null;
let levelNote: HTMLElement | null = null;

function levelUp(level: number): HTMLElement {
  const dismiss = h("button", { type: "button", class: "link" }, "Dismiss");
  const note = h("p", { class: "level-up", id: "level-up", role: "status" },
    h("strong", {}, `Level up! You reached level ${level}.`), " ", dismiss);
  dismiss.addEventListener("click", () => { note.remove(); levelNote = null; });
  return note;
}

function renderHeader(): void {
  const s = session();
  const home = h("a", { href: "#/", class: "brand" }, "PyQuest");
  if (!s) {
    shownLevel = null;
    levelNote = null;
    header.replaceChildren(h("nav", { "aria-label": "Main" }, home));
    return;
  }
  if (me?.level !== undefined) {
    if (shownLevel !== null && me.level > shownLevel) levelNote = levelUp(me.level);
    shownLevel = me.level;
  }
  const stats = me
    ? h("dl", { class: "stats", "aria-label": "Your progress" },
        h("div", {}, h("dt", {}, "XP"), h("dd", { id: "xp" }, String(me.xp ?? 0))),
        h("div", {}, h("dt", {}, "Level"), h("dd", { id: "level" }, String(me.level ?? ""))),
        h("div", {}, h("dt", {}, "Diamonds"), h("dd", { id: "diamonds" }, String(me.diamonds ?? 0))),
        h("div", {}, h("dt", {}, "Streak"), h("dd", { id: "streak" }, days(me.streak?.current ?? 0))))
    : null;
  liveEditor?.setTheme(me?.cosmetics?.theme ?? null);
  const badge = me?.pro ? h("span", { class: "pro-badge", id: "pro-badge", title: "PyQuest Pro is active" }, "Pro") : null;
  const out = h("button", { type: "button", class: "link" }, "Sign out");
  out.addEventListener("click", () => { signOut(); me = null; location.hash = "#/signin"; });
  header.replaceChildren(...[h("nav", { "aria-label": "Main" }, home, h("a", { href: "#/" }, "Course"), h("a", { href: "#/quests" }, "Quests"),
    h("a", { href: "#/leaderboard" }, "Leaderboard"), h("a", { href: "#/shop" }, "Shop"),
    h("a", { href: "#/achievements" }, "Achievements"), h("a", { href: "#/profile" }, "Profile"), h("a", { href: "#/pro", id: "nav-pro" }, "Pro")),
    stats, h("div", { class: "who" }, badge, badge ? " " : null, identity(s.sub, me?.cosmetics), " ", out), levelNote].filter((x): x is HTMLElement => x !== null));
}

/** A title cosmetic's words: title-bug-hunter → "Bug hunter". */
function titleWords(id: string): string {
  const w = id.replace(/^title-/, "").replace(/-/g, " ");
  return w.charAt(0).toUpperCase() + w.slice(1);
}

/** The learner's avatar (their initial) in the equipped frame, their name, and the equipped title under it. */
function identity(sub: string, c: Cosmetics | undefined): HTMLElement {
  const frame = c?.frame ?? null;
  const title = c?.title ?? null;
  return h("span", { class: "identity" },
    h("span", { class: `avatar${frame ? ` ${frame}` : ""}`, id: "avatar", "data-frame": frame ?? undefined, "aria-hidden": "true" },
      (sub.charAt(0) || "?").toUpperCase()),
    h("span", { class: "name" }, h("span", { class: "muted", id: "learner-name" }, sub),
      title ? h("span", { class: "learner-title", id: "learner-title", "data-title": title }, titleWords(title)) : null));
}

// ---- sign in ----

const SIGN_IN_COUNTRIES = ["US", "DE", "ES", "GB", "IN", "BR", "JP"];

function signInScreen(): void {
  const input = h("input", { id: "learner", name: "learner", autocomplete: "username", required: true,
    pattern: "[A-Za-z0-9_.@\\-]{1,128}", "aria-describedby": "learner-help" });
  // The country is the development token's claim: locally it stands in for the edge's viewer country, which
  // prices follow (GET /pricing). Never sent anywhere else.
  const names = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(undefined, { type: "region" }) : null;
  const country = h("select", { id: "country", name: "country", "aria-describedby": "country-help" },
    h("option", { value: "" }, "Not given (default prices)"),
    ...SIGN_IN_COUNTRIES.map((c) => h("option", { value: c }, `${names?.of(c) ?? c} (${c})`)));
  const msg = h("div", { "aria-live": "polite" });
  const form = h("form", { class: "card" },
    h("label", { for: "learner" }, "Learner name"),
    h("p", { id: "learner-help", class: "muted" }, "Letters, digits and . _ @ -. The local stack signs you in with a development token."),
    input,
    h("label", { for: "country" }, "Country (optional)"),
    h("p", { id: "country-help", class: "muted small" }, "Prices follow your country. In the cloud it comes from your connection; the local stack puts it in your token."),
    country,
    h("button", { type: "submit", class: "primary" }, "Sign in"), msg);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    msg.replaceChildren();
    try {
      await signIn(input.value.trim(), country.value || null);
      await refreshMe();
      location.hash = "#/";
    } catch (e) {
      msg.replaceChildren(errorBox(e));
    }
  });
  show("Sign in", form);
  input.focus();
}

// ---- course map ----

function requirements(reqs: Requirement[]): HTMLElement {
  return h("ul", { class: "requires" }, ...reqs.map((r) => {
    const target = r.slug ?? r.quiz;
    return h("li", {}, r.reason, target ? h("span", {}, " ", h("a", { href: `#/a/${encodeURIComponent(target)}` }, `Open ${target}`)) : null);
  }));
}

async function mapScreen(gen: number): Promise<void> {
  show("Your course", h("p", { class: "muted" }, "Loading the course…"));
  const [profile, activities, next, skills] = await Promise.all([
    api.me(),
    api.activities(),
    api.next().catch((e: unknown) => (e instanceof ApiError && e.status === 404 ? null : Promise.reject(e))),
    api.skills().catch(() => [] as SkillMastery[]),
  ]);
  if (gen !== generation) return;
  me = profile;
  renderHeader();
  const titles = new Map(skills.map((s) => [s.skill, s.title]));
  const groups = new Map<string, ActivitySummary[]>();
  for (const a of activities) {
    const skill = a.skills?.[0] ?? "other";
    if (!groups.has(skill)) groups.set(skill, []);
    groups.get(skill)!.push(a);
  }
  const sections = [...groups.entries()].map(([skill, items]) =>
    h("section", { class: "skill", "aria-labelledby": `skill-${skill}` },
      h("h2", { id: `skill-${skill}` }, titles.get(skill) ?? skill),
      h("ul", { class: "activities" }, ...items.map(activityItem))));
  show("Your course", dailyCard(profile), nextCard(next), ...sections);
}

function days(n: number): string {
  return `${n} ${n === 1 ? "day" : "days"}`;
}

/** A figure of a <dl class="figures">: its label and value, the value findable by id. */
function figure(label: string, value: string, id: string): HTMLElement {
  return h("div", {}, h("dt", {}, label), h("dd", { id }, value));
}

function streakFigures(s: Streak | undefined): HTMLElement {
  return h("dl", { class: "figures", "aria-label": "Your streak" },
    figure("Current streak", days(s?.current ?? 0), "streak-current"),
    figure("Longest streak", days(s?.longest ?? 0), "streak-longest"),
    figure("Streak freezes held", String(s?.freezes ?? 0), "streak-freezes"));
}

/** The daily login: the streak as GET /me has it, and POST /daily-login (one reward per local day). */
function dailyCard(m: Me): HTMLElement {
  const figures = h("div", {}, streakFigures(m.streak));
  const claim = h("button", { type: "button", class: "primary", id: "daily-login" }, "Claim today's login reward");
  const out = h("div", { id: "daily-result", "aria-live": "polite" });
  claim.addEventListener("click", async () => {
    claim.disabled = true;
    try {
      const r = await once((key) => api.dailyLogin(key));
      figures.replaceChildren(streakFigures(r.streak));
      const rewards = r.rewards ?? [];
      out.replaceChildren(rewards.length
        ? h("div", { role: "status" }, h("p", { class: "ok" }, `Logged in for ${r.localDate ?? "today"}.`,
            r.freezesUsed ? ` ${r.freezesUsed} streak ${r.freezesUsed === 1 ? "freeze" : "freezes"} kept your streak alive.` : ""),
            rewardList(rewards, "daily-rewards"))
        : h("p", { role: "status" }, `Already claimed for ${r.localDate ?? "today"}: come back tomorrow.`));
      await refreshMe();
    } catch (e) {
      out.replaceChildren(errorBox(e));
    } finally {
      claim.disabled = false;
    }
  });
  return h("section", { class: "card daily", "aria-labelledby": "daily-title" },
    h("h2", { id: "daily-title" }, "Daily login"), figures, h("div", { class: "actions" }, claim), out);
}

/** Reward lines as the API sends them (submissions, daily logins, quest claims). */
function rewardList(rewards: Reward[], id: string): HTMLElement {
  return h("ul", { class: "rewards", id }, ...rewards.map((r) => {
    const what = r.kind === "BADGE" ? `Badge: ${r.badge ?? ""}${r.tier ? ` (${r.tier})` : ""}`
      : r.kind === "XP" ? `+${r.amount ?? 0} XP`
      : r.kind === "DIAMONDS" ? `+${r.amount ?? 0} ${r.amount === 1 ? "diamond" : "diamonds"}`
      : `${r.amount ?? 0} ${(r.kind ?? "").toLowerCase()}`;
    return h("li", { "data-kind": r.kind ?? "" }, h("strong", {}, what), r.reason ? h("span", { class: "muted" }, ` · ${r.reason}`) : null);
  }));
}


function activityItem(a: ActivitySummary): HTMLElement {
  const label = `${a.title ?? a.slug ?? ""}${a.premium ? " (Pro challenge)" : ""}${a.locked ? " (locked)" : ""}`;
  return h("li", { class: a.locked ? "activity locked" : "activity", "data-slug": a.slug ?? "", "data-premium": a.premium ? "true" : undefined },
    h("a", { href: `#/a/${encodeURIComponent(a.slug ?? "")}`, "aria-label": label },
      a.locked ? h("span", { class: "lock", "aria-hidden": "true" }, "🔒 ") : null, a.title ?? a.slug ?? ""),
    a.premium ? h("span", { class: "pro-tag", "aria-hidden": "true" }, "Pro") : null,
    h("span", { class: "meta" }, ` ${a.kind ?? ""} · ${a.difficulty ?? ""}`, a.skipped ? " · skipped" : null),
    a.locked && a.requires?.length ? requirements(a.requires) : null);
}

function nextCard(next: NextStep | null): HTMLElement | null {
  if (!next) return null;
  return h("section", { class: "card next", "aria-labelledby": "next-title" },
    h("h2", { id: "next-title" }, "Next for you"),
    h("p", {}, h("a", { href: `#/a/${encodeURIComponent(next.activity.slug)}` }, next.activity.title),
      ` (${next.activity.kind})`),
    h("p", { class: "muted" }, next.why));
}

// ---- an activity ----

async function activityScreen(slug: string, gen: number): Promise<void> {
  show(slug, h("p", { class: "muted" }, "Loading…"));
  let a: Activity;
  try {
    a = await api.activity(slug);
  } catch (e) {
    if (!hasCode(e, "PRO_REQUIRED")) throw e;
    if (gen === generation) proChallengeScreen(typeof e.body?.["title"] === "string" ? e.body["title"] : slug);
    return;
  }
  if (gen !== generation) return;
  if (a.locked) {
    show(a.title ?? slug,
      h("div", { class: "locked-box", role: "status" },
        h("p", {}, h("span", { "aria-hidden": "true" }, "🔒 "), h("strong", {}, "Locked."), " To open it:"),
        requirements(a.requires ?? [])),
      h("p", {}, h("a", { href: "#/" }, "Back to the course")));
    return;
  }
  if (a.kind === "lesson") lessonScreen(a);
  else if (a.kind === "quiz") quizScreen(a);
  else exerciseScreen(a);
}

/** Sends once with a fresh Idempotency-Key, retried with the same key when the network failed. */
function once<T>(call: (key: string) => Promise<T>): Promise<T> {
  const key = newKey();
  return retrying(() => call(key));
}

async function rewardsArrived(before: number | null): Promise<void> {
  // Rewards are paid by a consumer just after the answer: ask GET /me again briefly until the XP moves.
  for (let i = 0; i < 10; i++) {
    const now = await refreshMe();
    if (!now || before === null || (now.xp ?? 0) > before) {
      if (now && before !== null && (now.xp ?? 0) > before) announce(`You earned ${(now.xp ?? 0) - before} XP.`);
      return;
    }
    await sleep(500);
  }
}

function lessonScreen(a: Activity): void {
  const slug = a.slug ?? "";
  const done = h("button", { type: "button", class: "primary", id: "complete" }, "I have read it");
  const out = h("div", { id: "lesson-result", "aria-live": "polite" });
  show(a.title ?? slug,
    h("p", { class: "muted" }, `lesson · ${(a.skills ?? []).join(", ")}`),
    h("div", { class: "statement" }, renderMarkdown(withoutTitle(a.statement ?? "", a.title ?? ""))),
    h("div", { class: "actions" }, done), out,
    h("p", {}, h("a", { href: "#/" }, "Back to the course")));
  done.addEventListener("click", async () => {
    done.disabled = true;
    const before = me?.xp ?? null;
    try {
      const r = await once((key) => api.complete(slug, key));
      out.replaceChildren(h("p", { class: "ok", role: "status" }, r.firstCompletion ? "Marked as read." : "You had already read it."));
      await rewardsArrived(r.firstCompletion ? before : null);
    } catch (e) {
      out.replaceChildren(errorBox(e));
    } finally {
      done.disabled = false;
    }
  });
}

function quizScreen(a: Activity): void {
  const slug = a.slug ?? "";
  const questions = a.questions ?? [];
  const form = h("form", { class: "quiz", id: "quiz" });
  questions.forEach((q, n) => {
    const id = q.id ?? String(n);
    const prompt = h("legend", {}, h("span", { class: "muted" }, `${n + 1}. `), ...[...renderMarkdown(q.prompt ?? "").childNodes]
      .flatMap((node) => node.nodeName === "P" ? [...node.childNodes] : [node]));
    const set = h("fieldset", { "data-question": id }, prompt);
    if (q.kind === "choice") {
      (q.choices ?? []).forEach((c, i) => {
        const inputId = `q-${id}-${i}`;
        set.append(h("div", { class: "choice" }, h("input", { type: "radio", name: `q-${id}`, id: inputId, value: String(i) }),
          h("label", { for: inputId }, h("code", {}, c))));
      });
    } else {
      const inputId = `q-${id}`;
      set.append(h("label", { for: inputId, class: "small" }, "Your answer"),
        h("input", { type: "text", id: inputId, name: inputId, maxlength: "200", autocomplete: "off", spellcheck: "false" }));
    }
    form.append(set);
  });
  const send = h("button", { type: "submit", class: "primary" }, "Check my answers");
  const out = h("section", { id: "quiz-result", "aria-live": "polite", "aria-label": "Quiz result" });
  form.append(h("div", { class: "actions" }, send));
  show(a.title ?? slug,
    h("p", { class: "muted" }, `quiz · pass at ${a.passPercent ?? "?"} %`),
    a.statement ? h("div", { class: "statement" }, renderMarkdown(a.statement)) : null,
    form, out, h("p", {}, h("a", { href: "#/" }, "Back to the course")));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const answers: Answers = {};
    for (const q of questions) {
      const id = q.id ?? "";
      if (q.kind === "choice") {
        const picked = form.querySelector<HTMLInputElement>(`input[name="q-${CSS.escape(id)}"]:checked`);
        if (picked) answers[id] = Number(picked.value);
      } else {
        const text = form.querySelector<HTMLInputElement>(`#q-${CSS.escape(id)}`)?.value.trim() ?? "";
        if (text) answers[id] = text;
      }
    }
    send.disabled = true;
    const before = me?.xp ?? null;
    try {
      const r = await once((key) => api.answer(slug, answers, key));
      out.replaceChildren(...renderQuiz(r, questions.map((q) => q.id ?? "")));
      await rewardsArrived(r.passed ? before : null);
    } catch (e) {
      out.replaceChildren(errorBox(e));
    } finally {
      send.disabled = false;
    }
  });
}

function renderQuiz(r: QuizResult, order: string[]): Node[] {
  return [
    h("h2", {}, "Result"),
    h("p", { class: r.passed ? "ok verdict" : "bad verdict", id: "quiz-score" },
      h("strong", {}, `${r.score ?? 0} %`), ` · ${r.correct ?? 0} of ${r.total ?? 0} right · `,
      r.passed ? "passed" : `not passed (pass at ${r.passPercent ?? "?"} %)`),
    h("ul", { class: "results" }, ...(r.results ?? []).map((x) =>
      h("li", { class: `result ${x.correct ? "ok" : "bad"}` },
        h("p", {}, h("strong", {}, x.correct ? "Right: " : x.answered ? "Wrong: " : "Not answered: "),
          `question ${order.indexOf(x.question ?? "") + 1 || x.question}`),
        x.explanation ? h("p", {}, x.explanation) : null))),
  ];
}

/** A statement that opens with the activity's title as its heading would repeat the page's h1. */
function withoutTitle(statement: string, title: string): string {
  const first = /^#\s+(.*)\n/.exec(statement);
  return first && first[1]?.trim() === title.trim() ? statement.slice(first[0].length) : statement;
}

function draftKey(slug: string): string {
  return `pyquest.draft.${session()?.sub ?? ""}.${slug}`;
}

function exerciseScreen(a: Activity): void {
  const slug = a.slug ?? "";
  const starter = a.starterCode ?? "";
  const examples = a.examples ?? [];
  const editorHost = h("div", { class: "editor" });
  const runBtn = h("button", { type: "button", class: "primary", id: "run" }, "Run examples");
  const stopBtn = h("button", { type: "button", id: "stop", disabled: true }, "Stop");
  const submitBtn = h("button", { type: "button", id: "submit" }, "Submit");
  const resetBtn = h("button", { type: "button", class: "link" }, "Reset to the starter code");
  const pyStatus = h("p", { id: "python-status", class: "muted", "aria-live": "polite" });
  const runOut = h("section", { id: "run-results", "aria-live": "polite", "aria-label": "Run results" });
  const submitOut = h("section", { id: "submission", "aria-live": "polite", "aria-label": "Submission" });
  const shop = api.shop().catch(() => null); // prices and held tokens, for the hint and skip buttons
  const hints = hintsSection(a, shop);
  const skip = skipSection(a, shop);

  const editor = createEditor(editorHost, localStorage.getItem(draftKey(slug)) ?? starter, "Your code",
    (code) => localStorage.setItem(draftKey(slug), code), () => void doRun(), me?.cosmetics?.theme ?? null);
  liveEditor = editor;

  show(a.title ?? slug,
    h("p", { class: "muted" }, `${a.difficulty ?? ""} · ${(a.skills ?? []).join(", ")}`),
    h("div", { class: "statement" }, renderMarkdown(withoutTitle(a.statement ?? "", a.title ?? ""))),
    examples.length ? h("section", { "aria-labelledby": "examples-title" },
      h("h2", { id: "examples-title" }, "Examples"),
      h("ul", { class: "examples" }, ...examples.map((ex) =>
        h("li", {}, h("code", {}, ex.input ?? ""), h("span", { "aria-label": "gives" }, " → "), h("code", {}, ex.output ?? ""))))) : null,
    h("section", { "aria-labelledby": "code-title" },
      h("h2", { id: "code-title" }, "Your code"),
      h("p", { id: "editor-help", class: "muted small" },
        `Define ${a.function ?? "the function"}. Ctrl+Enter runs the examples; Escape then Tab leaves the editor.`),
      editorHost,
      h("div", { class: "actions" }, runBtn, stopBtn, submitBtn, resetBtn),
      pyStatus),
    runOut, submitOut, walkthroughSection(a), hints, skip);

  const off = runner.onState((s) => { pyStatus.textContent = pythonStatus(s); });
  const ticking = setInterval(() => { if (runner.state.kind === "loading") pyStatus.textContent = pythonStatus(runner.state); }, 1000);
  cleanup = () => { off(); clearInterval(ticking); liveEditor = null; };
  // After first paint: the page is usable before Python arrives.
  requestAnimationFrame(() => setTimeout(() => runner.ensure(), 0));

  resetBtn.addEventListener("click", () => { editor.setCode(starter); localStorage.removeItem(draftKey(slug)); });
  runBtn.addEventListener("click", () => void doRun());
  stopBtn.addEventListener("click", () => {
    runner.stop();
    announce("Stopped. Python is restarting.");
  });
  submitBtn.addEventListener("click", () => void doSubmit());

  async function doRun(): Promise<void> {
    if (runner.running) return;
    runBtn.disabled = true;
    stopBtn.disabled = false;
    runOut.replaceChildren(h("p", { class: "muted" }, runner.state.kind === "ready" ? "Running…" : "Waiting for Python to load, then running…"));
    try {
      const report = await runner.run(editor.code(), a.function ?? "", examples);
      runOut.replaceChildren(...renderRun(report));
    } catch (e) {
      runOut.replaceChildren(e instanceof Stopped
        ? h("p", { class: "stopped", role: "status" }, "Stopped: your code was ended. Python is restarting.")
        : errorBox(e));
    } finally {
      runBtn.disabled = false;
      stopBtn.disabled = true;
    }
  }

  async function doSubmit(): Promise<void> {
    submitBtn.disabled = true;
    submitOut.replaceChildren(h("h2", {}, "Submission"), h("p", { class: "muted" }, "Sending your code to the judge…"));
    const before = me?.xp ?? null;
    const gen = generation;
    try {
      const key = newKey(); // once per Submit: a network retry reuses it, so the server judges one submission
      const accepted = await retrying(() => api.submit(slug, editor.code(), key));
      const id = accepted.submissionId ?? "";
      submitOut.replaceChildren(h("h2", {}, "Submission"), h("p", { class: "muted" }, "Judging on the server…"));
      let sub = await retrying(() => api.submission(id, 20));
      while (!final(sub)) sub = await retrying(() => api.submission(id, 20));
      submitOut.replaceChildren(...renderVerdict(sub));
      if (sub.status === "PASSED") {
        // Rewards are granted by consumers just after the verdict, badges a moment later: each is shown as it
        // lands (the header too), until none has come for a while.
        let shown = 0;
        for (let i = 0, quiet = 0; i < 30 && quiet < 4 && gen === generation; i++) {
          const n = sub.rewards?.length ?? 0;
          if (n > shown) {
            shown = n;
            quiet = 0;
            await refreshMe(); // the header's figures, and its level-up note when the level rose
            if (gen !== generation) break;
            submitOut.replaceChildren(...renderVerdict(sub));
          } else if (n > 0) {
            quiet++;
          }
          await sleep(500);
          sub = await api.submission(id, 0);
        }
      }
      const now = await refreshMe();
      if (gen === generation) submitOut.replaceChildren(...renderVerdict(sub));
      if (now && before !== null && (now.xp ?? 0) > before) {
        announce(`You earned ${(now.xp ?? 0) - before} XP.`);
      }
    } catch (e) {
      if (hasCode(e, "DAILY_RUNS_EXHAUSTED")) await refreshMe(); // the zone and plan the message names, as they are now
      submitOut.replaceChildren(h("h2", {}, "Submission"), hasCode(e, "DAILY_RUNS_EXHAUSTED") ? allowanceUsed(e) : errorBox(e));
    } finally {
      submitBtn.disabled = false;
    }
  }
}

/**
 * 429 DAILY_RUNS_EXHAUSTED: the plan's judged submissions for the learner's local day are used. When they come back
 * (Retry-After, the learner's local midnight) in the learner's zone, that Run still works, and what Pro allows.
 */
function allowanceUsed(e: ApiError): HTMLElement {
  const zone = me?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  // Retry-After counts whole seconds to midnight: the nearest minute is the moment the allowance comes back.
  const at = e.retryAfter !== null ? new Date(Math.round((Date.now() + e.retryAfter * 1000) / 60_000) * 60_000) : null;
  let when = "at midnight, your time";
  if (at) {
    let local: string;
    try {
      local = new Intl.DateTimeFormat(undefined, { timeZone: zone, weekday: "long", hour: "2-digit", minute: "2-digit" }).format(at);
    } catch {
      local = at.toLocaleString();
    }
    when = `at midnight your time (${zone}): ${local}`;
  }
  const limit = e.rateLimit ?? (me?.pro ? 1000 : 50);
  return h("div", { class: "notice", id: "daily-allowance", role: "alert" },
    h("p", {}, h("strong", {}, `You have used today's ${limit} judged submissions.`), " Nothing was sent to the judge."),
    h("p", {}, "They come back ", at ? h("time", { datetime: at.toISOString(), id: "allowance-reset" }, when) : when,
      at && e.retryAfter !== null ? ` (in ${e.retryAfter < 3600 ? `${Math.ceil(e.retryAfter / 60)} min` : `${Math.floor(e.retryAfter / 3600)} h ${Math.ceil((e.retryAfter % 3600) / 60)} min`}).` : "."),
    h("p", {}, h("strong", {}, "Run examples still works:"), " it runs in your browser and is never limited."),
    me?.pro ? null : h("p", {}, "PyQuest Pro allows 1,000 judged submissions a day. ", h("a", { href: "#/pro", id: "allowance-pro" }, "See PyQuest Pro")));
}

/** The hints this learner bought (GET /activities/{slug}), and buying the next one (POST /shop/purchases, item hint). */
function hintsSection(a: Activity, shop: Promise<Shop | null>): HTMLElement {
  const slug = a.slug ?? "";
  const total = a.hintCount ?? 0;
  const bought = [...(a.hints ?? [])];
  const list = h("ol", { class: "hints", id: "hints" });
  const count = h("p", { class: "muted", id: "hint-count" });
  const buy = h("button", { type: "button", id: "buy-hint" }, "Buy the next hint");
  const out = h("div", { id: "hint-result", "aria-live": "polite" });
  const draw = () => {
    list.replaceChildren(...bought.map((text) => h("li", {}, text)));
    count.textContent = total === 0 ? "This exercise has no hints." : `${bought.length} of ${total} hints revealed.`;
    buy.hidden = bought.length >= total;
  };
  draw();
  // The price is the shop's (GET /shop/items): shown once known, never assumed.
  if (total > bought.length) {
    void shop.then((s) => {
      const item = s?.items?.find((i) => i.id === "hint");
      if (item?.price !== undefined) buy.textContent = `Buy the next hint (${item.price} ${item.price === 1 ? "diamond" : "diamonds"})`;
    });
  }
  buy.addEventListener("click", async () => {
    buy.disabled = true;
    out.replaceChildren();
    try {
      // once: a fresh key per click, the same key for its retries, so a click never buys twice.
      const p = await once((key) => api.buy("hint", slug, key));
      if (p.hint?.text !== undefined && bought.length < (p.hint.number ?? 0)) bought.push(p.hint.text);
      draw();
      out.replaceChildren(h("p", { role: "status", class: "ok" }, p.alreadyPurchased
        ? "That click had already bought its hint."
        : `Hint ${p.hint?.number ?? bought.length} of ${p.hint?.of ?? total} bought for ${p.price ?? "?"} diamonds; ${p.diamonds ?? "?"} left.`));
      await refreshMe();
    } catch (e) {
      out.replaceChildren(errorBox(e));
    } finally {
      buy.disabled = false;
    }
  });
  return h("section", { "aria-labelledby": "hints-title" },
    h("h2", { id: "hints-title" }, "Hints"), count, list, h("div", { class: "actions" }, buy), out);
}

/** Skip (POST /activities/{slug}/skip): spends a held skip token; the exercise counts as done and earns nothing. */
function skipSection(a: Activity, shop: Promise<Shop | null>): HTMLElement {
  const slug = a.slug ?? "";
  const held = h("p", { class: "muted small", id: "skip-held" },
    "A skip token makes this exercise count as done for what it unlocks; it earns nothing.");
  const out = h("div", { id: "skip-result", "aria-live": "polite" });
  const section = h("section", { "aria-labelledby": "skip-title" }, h("h2", { id: "skip-title" }, "Skip"), held);
  if (a.skipped) {
    section.append(h("p", { id: "skipped", class: "ok" }, "You skipped this exercise with a token."));
    return section;
  }
  const skip = h("button", { type: "button", id: "skip", "aria-describedby": "skip-held" }, "Skip this exercise");
  void shop.then((s) => {
    const token = s?.items?.find((i) => i.id === "skip-token");
    if (token?.held !== undefined) held.append(` You hold ${token.held} ${token.held === 1 ? "token" : "tokens"}.`);
  });
  skip.addEventListener("click", async () => {
    skip.disabled = true;
    out.replaceChildren();
    try {
      await once((key) => api.skip(slug, key));
      skip.remove();
      out.replaceChildren(h("p", { role: "status", class: "ok", id: "skipped" }, "Skipped: it counts as done, and what it unlocks is open."));
    } catch (e) {
      const box = errorBox(e);
      if (e instanceof ApiError && e.code === "NO_SKIP_TOKEN") box.append(" ", h("a", { href: "#/shop" }, "Go to the shop"));
      out.replaceChildren(box);
      skip.disabled = false;
    }
  });
  section.append(h("div", { class: "actions" }, skip), out);
  return section;
}

// ---- Pro, prices and payments ----

/** An amount in the currency's minor unit, formatted with that currency's own fraction digits (JPY has none). */
function money(m: Money): string {
  const f = new Intl.NumberFormat(undefined, { style: "currency", currency: m.currency });
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return f.format(m.amount / 10 ** digits);
}

function dateOf(iso: string): HTMLElement {
  return h("time", { datetime: iso }, new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" }));
}

/** The learner's plan as GET /me/entitlements has it. */
function planStatus(e: Entitlements): HTMLElement {
  const p = e.pro;
  if (!p.active) return h("p", { id: "plan-status" }, "You are on the free plan.");
  return h("p", { id: "plan-status", class: "ok" }, h("strong", {}, "Pro is active"),
    p.expiresAt ? h("span", {}, " until ", dateOf(p.expiresAt)) : null,
    p.source === "grant" ? " (granted)" : p.product ? ` (${p.product})` : null, ".");
}

/** A premium challenge opened without Pro: GET /activities/{slug} answered 403 PRO_REQUIRED (naming its title). */
function proChallengeScreen(title: string): void {
  show(title,
    h("div", { class: "locked-box", id: "pro-challenge", role: "status" },
      h("p", {}, h("span", { class: "pro-tag" }, "Pro"), " ", h("strong", {}, "Pro challenge."),
        " This challenge is part of PyQuest Pro: with Pro you can open it and submit to it."),
      h("p", {}, h("a", { href: "#/pro" }, "See PyQuest Pro and its prices"))),
    h("p", {}, h("a", { href: "#/" }, "Back to the course")));
}

/** An exercise's walkthrough (GET /activities/{slug}/walkthrough): Pro, and only once the learner has submitted. */
function walkthroughSection(a: Activity): HTMLElement {
  const slug = a.slug ?? "";
  const open = h("button", { type: "button", id: "walkthrough", "aria-describedby": "walkthrough-help" }, "Show the walkthrough");
  const out = h("div", { id: "walkthrough-result", "aria-live": "polite" });
  open.addEventListener("click", async () => {
    open.disabled = true;
    out.replaceChildren(h("p", { class: "muted" }, "Loading the walkthrough…"));
    try {
      const w = await api.walkthrough(slug);
      // Its own top heading ("Walkthrough: …") would repeat the section's.
      out.replaceChildren(h("div", { class: "statement walkthrough", id: "walkthrough-text" }, renderMarkdown(w.walkthrough.replace(/^#\s[^\n]*\n/, ""))));
      open.hidden = true;
    } catch (e) {
      if (hasCode(e, "PRO_REQUIRED")) {
        out.replaceChildren(h("p", { id: "walkthrough-pro", role: "status" }, "Walkthroughs are a Pro feature. ",
          h("a", { href: "#/pro" }, "See PyQuest Pro")));
      } else if (hasCode(e, "NOT_ATTEMPTED")) {
        out.replaceChildren(h("p", { id: "walkthrough-not-attempted", role: "status" },
          "Submit once first: the walkthrough opens after your first submission to this exercise, so it does not spoil it."));
      } else {
        out.replaceChildren(errorBox(e));
      }
    } finally {
      open.disabled = false;
    }
  });
  return h("section", { "aria-labelledby": "walkthrough-title" },
    h("h2", { id: "walkthrough-title" }, "Walkthrough"),
    h("p", { id: "walkthrough-help", class: "muted small" }, "Pro: the reference approach, why it works and its pitfalls, after your first submission."),
    h("div", { class: "actions" }, open), out);
}

/** Opens a checkout; locally its page is ours (#/pay/<id>), in the cloud the provider's (the checkout's url). */
async function startCheckout(product: string, button: HTMLButtonElement, out: HTMLElement): Promise<void> {
  button.disabled = true;
  out.replaceChildren();
  try {
    const c: Checkout = await once((key) => api.checkout(product, key));
    const url = new URL(c.url, location.href);
    if (url.origin === location.origin && url.pathname.startsWith("/dev/payments/")) location.hash = `#/pay/${encodeURIComponent(c.checkoutId)}`;
    else location.assign(c.url);
  } catch (e) {
    out.replaceChildren(errorBox(e));
    button.disabled = false;
  }
}

async function proScreen(gen: number): Promise<void> {
  show("PyQuest Pro", h("p", { class: "muted" }, "Loading prices…"));
  const [pricing, entitlements] = await Promise.all([api.pricing(), api.entitlements()]);
  if (gen !== generation) return;
  const out = h("div", { id: "checkout-result", "aria-live": "polite" });
  const buy = (product: string, label: string, describedBy: string): HTMLButtonElement => {
    const b = h("button", { type: "button", class: "primary", id: `buy-${product}`, "aria-describedby": describedBy }, label);
    b.addEventListener("click", () => void startCheckout(product, b, out));
    return b;
  };
  const plan = (name: string, p: Pricing["pro"]["monthly"], per: string): HTMLElement | null => {
    if (!p?.product) return null;
    return h("li", { class: "item card plan", "data-product": p.product },
      h("h3", { id: `plan-${p.product}` }, name),
      h("p", { class: "price", id: `price-${p.product}`, "data-amount": String(p.amount), "data-currency": p.currency },
        h("strong", {}, money(p)), ` ${per}`),
      h("div", { class: "actions" }, buy(p.product, `Buy Pro ${name.toLowerCase()}`, `price-${p.product}`)));
  };
  const pack = (d: DiamondPack): HTMLElement =>
    h("li", { class: "item card pack", "data-pack": d.id },
      h("h3", {}, d.title ?? `${d.diamonds} diamonds`),
      h("p", { class: "price", id: `price-${d.id}`, "data-amount": String(d.price.amount), "data-currency": d.price.currency },
        h("strong", {}, money(d.price))),
      h("div", { class: "actions" }, buy(d.id, `Buy ${d.diamonds} diamonds`, `price-${d.id}`)));
  const names = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(undefined, { type: "region" }) : null;
  const where = pricing.country ? `${names?.of(pricing.country) ?? pricing.country}` : "your region";
  show("PyQuest Pro",
    h("section", { class: "card plan-card", "aria-labelledby": "plan-title" }, h("h2", { id: "plan-title" }, "Your plan"), planStatus(entitlements)),
    h("p", { id: "pricing-where" }, `Prices for ${where}, in ${pricing.currency ?? ""}. `,
      h("span", { class: "muted" }, "What you are shown is what you are charged.")),
    out,
    h("section", { "aria-labelledby": "pro-title" },
      h("h2", { id: "pro-title" }, "Pro"),
      h("p", {}, "Pro opens the Pro challenges and each exercise's walkthrough."),
      h("ul", { class: "items", id: "pro-plans" },
        plan("Monthly", pricing.pro.monthly, "a month"), plan("Yearly", pricing.pro.yearly, "a year"))),
    h("section", { "aria-labelledby": "packs-title" },
      h("h2", { id: "packs-title" }, "Diamond packs"),
      pricing.diamondPacks.length
        ? h("ul", { class: "items", id: "packs" }, ...pricing.diamondPacks.map(pack))
        : h("p", { class: "muted" }, "No diamond packs on sale.")));
}

/**
 * The local stack's stand-in for the provider's payment page (GET /dev/payments/{id}); in the cloud the learner is
 * sent to the provider's own page instead. Pay makes the local provider send its signed webhook.
 */
async function payScreen(checkoutId: string, gen: number): Promise<void> {
  show("Local payment page", h("p", { class: "muted" }, "Loading the checkout…"));
  const [c, pricing] = await Promise.all([api.localCheckout(checkoutId), api.pricing()]);
  if (gen !== generation) return;
  const pack = pricing.diamondPacks.find((d) => d.id === c.product) ?? null;
  const plan = [pricing.pro.monthly, pricing.pro.yearly].find((p) => p?.product === c.product) ?? null;
  const isPro = plan !== null;
  const what = pack ? pack.title ?? `${pack.diamonds} diamonds`
    : plan ? `PyQuest Pro, ${plan.months === 1 ? "monthly" : plan.months === 12 ? "yearly" : `${plan.months ?? "?"} months`}` : c.product;
  const pay = h("button", { type: "button", class: "primary", id: "pay" }, "Pay (local test provider)");
  const out = h("div", { id: "pay-result", "aria-live": "polite" });
  const actions = h("div", { class: "actions" }, pay, h("a", { href: "#/pro" }, "Cancel"));
  pay.addEventListener("click", async () => {
    pay.disabled = true;
    out.replaceChildren(h("p", { class: "muted" }, "Paying…"));
    try {
      const before = (await api.me()).diamonds ?? 0;
      const r = await api.localPay(checkoutId);
      const outcome = typeof r.webhook === "object" && r.webhook ? r.webhook.outcome ?? "" : String(r.webhook ?? "");
      if (r.webhookStatus !== 200 || /^REFUSED/.test(outcome)) {
        out.replaceChildren(h("div", { class: "error", role: "alert" }, `The payment was not accepted (webhook ${r.webhookStatus}${outcome ? `: ${outcome}` : ""}). Nothing was granted.`));
        pay.disabled = false;
        return;
      }
      if (gen !== generation) return;
      actions.hidden = true;
      out.replaceChildren(await settled(isPro, pack, before, gen));
    } catch (e) {
      out.replaceChildren(errorBox(e));
      pay.disabled = false;
    }
  });
  show("Local payment page",
    h("p", { class: "notice", id: "local-notice" }, h("strong", {}, "Local test provider. "),
      "This page stands in for the payment provider's (Stripe's) checkout page in the local stack: no card, no real money. In the cloud you would pay on the provider's page."),
    h("dl", { class: "figures", "aria-label": "The checkout" },
      figure("Product", what, "pay-product"),
      figure("Price", money(c.price), "pay-price"),
      figure("Checkout", c.checkoutId, "pay-checkout")),
    c.completed
      ? h("p", { id: "pay-result", class: "ok", role: "status" }, "This checkout is already paid. ", h("a", { href: "#/pro" }, "Back to Pro"))
      : h("div", {}, actions, out));
}

/** After the payment: what it granted, asked again briefly (the webhook's effect may trail its answer). */
async function settled(isPro: boolean, pack: DiamondPack | null, before: number, gen: number): Promise<HTMLElement> {
  for (let i = 0; i < 20 && gen === generation; i++) {
    if (isPro) {
      const e = await api.entitlements();
      if (e.pro.active) {
        await refreshMe();
        announce("PyQuest Pro is active.");
        return h("div", { role: "status" }, h("div", { id: "paid" }, h("p", { class: "ok" }, "Paid."), planStatus(e)),
          h("p", {}, h("a", { href: "#/pro" }, "Your plan"), " · ", h("a", { href: "#/" }, "Back to the course")));
      }
    } else {
      const m = await refreshMe();
      const added = (m?.diamonds ?? 0) - before;
      if (!pack || added >= pack.diamonds) {
        announce(`${added} diamonds added.`);
        return h("div", { role: "status" }, h("p", { class: "ok", id: "paid" }, `Paid: ${added} diamonds added; you have ${m?.diamonds ?? "?"}.`),
          h("p", {}, h("a", { href: "#/shop" }, "Spend them in the shop"), " · ", h("a", { href: "#/pro" }, "Back to Pro")));
      }
    }
    await sleep(500);
  }
  return h("p", { role: "status", id: "paid-pending" }, "Paid. What you bought has not shown up yet: look again in a moment. ",
    h("a", { href: "#/pro" }, "Your plan"));
}

// ---- the shop ----

async function shopScreen(gen: number): Promise<void> {
  show("Shop", h("p", { class: "muted" }, "Loading the shop…"));
  const shop = await api.shop();
  if (gen !== generation) return;
  const wallet = h("p", { id: "wallet" });
  const list = h("ul", { class: "items" });
  const out = h("div", { id: "shop-result", "aria-live": "polite" });
  const draw = (diamonds: number, items: ShopItem[]) => {
    wallet.replaceChildren("You have ", h("strong", { id: "shop-diamonds" }, String(diamonds)), ` ${diamonds === 1 ? "diamond" : "diamonds"}.`);
    list.replaceChildren(...items.map((i) => shopItem(i)));
  };
  const shopItem = (i: ShopItem): HTMLElement => {
    const id = i.id ?? "";
    const held = i.maxHeld !== undefined ? h("p", { class: "small", id: `held-${id}` }, `You hold ${i.held ?? 0} of at most ${i.maxHeld}.`) : null;
    let action: HTMLElement;
    const owned = !!i.cosmetic && (i.held ?? 0) >= 1;
    if (owned) {
      action = h("p", { class: "owned", id: `owned-${id}` }, h("strong", {}, "Owned."), " ",
        h("a", { href: "#/profile" }, "Equip it on your profile"));
    } else if (i.needsActivity) {
      action = h("p", { class: "small muted" }, "Bought on an exercise's page, for that exercise.");
    } else {
      const buy = h("button", { type: "button", id: `buy-${id}`, "aria-describedby": `price-${id}` }, `Buy ${i.title ?? id}`);
      buy.addEventListener("click", async () => {
        buy.disabled = true;
        out.replaceChildren();
        try {
          // once: a fresh key per click, the same key for its retries, so a click never buys twice.
          const p = await once((key) => api.buy(id, null, key));
          out.replaceChildren(h("p", { role: "status", class: "ok" }, `Bought: ${i.title ?? id} for ${p.price ?? i.price} diamonds.`,
            p.held !== undefined ? ` You now hold ${p.held}.` : "", ` ${p.diamonds ?? "?"} diamonds left.`));
          const again = await api.shop();
          if (gen === generation) draw(again.diamonds ?? 0, again.items ?? []);
          await refreshMe();
        } catch (e) {
          out.replaceChildren(errorBox(e));
          buy.disabled = false;
          // A refusal may come from a stale list (bought or spent in another tab): show the wallet and items as they are now.
          if (e instanceof ApiError && e.status === 409) {
            const again = await api.shop().catch(() => null);
            if (again && gen === generation) draw(again.diamonds ?? 0, again.items ?? []);
          }
        }
      });
      action = h("div", { class: "actions" }, buy);
    }
    return h("li", { class: "item card", "data-item": id, "data-cosmetic": i.cosmetic ?? undefined },
      h("h2", {}, i.title ?? id),
      h("p", {}, i.description ?? ""),
      h("p", { id: `price-${id}` }, h("strong", {}, `${i.price ?? "?"} diamonds`),
        i.affordable === false ? h("span", { class: "muted" }, " · more than you have") : null),
      owned ? null : held, action);
  };
  draw(shop.diamonds ?? 0, shop.items ?? []);
  show("Shop", wallet, out, list);
}

// ---- quests ----

function rewardWords(r: { xp?: number; diamonds?: number } | undefined): string {
  const parts = [];
  if (r?.xp) parts.push(`${r.xp} XP`);
  if (r?.diamonds) parts.push(`${r.diamonds} ${r.diamonds === 1 ? "diamond" : "diamonds"}`);
  return parts.join(" and ") || "no reward";
}

async function questsScreen(gen: number): Promise<void> {
  show("Quests", h("p", { class: "muted" }, "Loading your quests…"));
  const out = h("div", { id: "quest-result", "aria-live": "polite" });
  const lists = h("div", {});
  const draw = (q: Quests) => {
    lists.replaceChildren(
      h("section", { "aria-labelledby": "daily-quests" },
        h("h2", { id: "daily-quests" }, `Today's quests${q.localDate ? ` (${q.localDate})` : ""}`),
        (q.daily ?? []).length ? h("ul", { class: "quests" }, ...(q.daily ?? []).map(questItem)) : h("p", { class: "muted" }, "No quests today.")),
      h("section", { "aria-labelledby": "weekly-quest" },
        h("h2", { id: "weekly-quest" }, "This week's challenge"),
        q.weekly ? h("ul", { class: "quests" }, questItem(q.weekly)) : h("p", { class: "muted" }, "No challenge this week.")));
  };
  const questItem = (q: Quest): HTMLElement => {
    const id = q.id ?? "";
    const target = q.target ?? 0;
    const progress = q.progress ?? 0;
    const labelId = `quest-${id.replace(/[^a-z0-9-]/gi, "-")}`;
    let state: HTMLElement;
    if (q.claimed) {
      state = h("p", { class: "ok" }, h("strong", {}, "Claimed."));
    } else if (q.claimable) {
      const claim = h("button", { type: "button", class: "primary", "data-claim": id, "aria-describedby": labelId }, "Claim reward");
      claim.addEventListener("click", async () => {
        claim.disabled = true;
        out.replaceChildren();
        try {
          const r = await once((key) => api.claim(id, key));
          const rewards = r.rewards ?? [];
          out.replaceChildren(h("div", { role: "status" },
            h("p", { class: "ok" }, r.alreadyClaimed ? `"${q.title ?? id}" was claimed before: nothing more to pay.` : `Claimed "${q.title ?? id}".`),
            rewards.length ? rewardList(rewards, "quest-rewards") : null));
          const again = await api.quests();
          if (gen === generation) draw(again);
          await refreshMe();
        } catch (e) {
          out.replaceChildren(errorBox(e));
          claim.disabled = false;
        }
      });
      state = h("div", { class: "actions" }, claim);
    } else {
      state = h("p", { class: "muted small" }, q.expiresAt ? `Ends ${new Date(q.expiresAt).toLocaleString()}.` : "");
    }
    return h("li", { class: "quest card", "data-quest": id },
      h("h3", { id: labelId }, q.title ?? id),
      h("p", { class: "small" }, `Reward: ${rewardWords(q.reward)}`),
      h("div", { class: "progress" },
        h("progress", { max: String(Math.max(target, 1)), value: String(progress), "aria-label": `Progress of ${q.title ?? id}` }),
        h("span", { class: "count" }, `${progress}/${target}`)),
      state);
  };
  const quests = await api.quests();
  if (gen !== generation) return;
  draw(quests);
  show("Quests", out, lists, h("p", {}, h("a", { href: "#/leaderboard" }, "This week's leaderboard")));
}

// ---- the leaderboard ----

async function leaderboardScreen(gen: number): Promise<void> {
  show("Leaderboard", h("p", { class: "muted" }, "Loading the leaderboard…"));
  const board = await api.leaderboard(10);
  if (gen !== generation) return;
  const mine = session()?.sub ?? "";
  const day = (t: string) => t.slice(0, 10);
  const rows = board.top.map((r) => {
    const own = r.userId === mine;
    return h("tr", { class: own ? "own" : undefined, "aria-current": own ? "true" : undefined },
      h("td", {}, String(r.rank)), h("th", { scope: "row" }, r.userId, own ? " (you)" : ""), h("td", {}, String(r.xp)));
  });
  show("Leaderboard",
    h("p", { id: "my-rank" }, board.me.rank === null
      ? "You have no XP this week yet: pass an exercise to join the board."
      : h("span", {}, "You are ", h("strong", {}, `#${board.me.rank}`), ` this week with ${board.me.xp} XP.`)),
    board.top.length
      ? h("table", { class: "board", id: "leaderboard" },
          h("caption", {}, `XP earned from ${day(board.weekStart)} to ${day(board.weekEnd)} (UTC weeks, Monday to Monday)`),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Rank"), h("th", { scope: "col" }, "Learner"), h("th", { scope: "col" }, "XP"))),
          h("tbody", {}, ...rows))
      : h("p", { class: "muted" }, "Nobody has earned XP this week yet."));
}

// ---- achievements ----

function percent(rarity: number): string {
  const p = rarity * 100;
  return p === 0 || p >= 10 ? `${Math.round(p)} %` : p < 0.1 ? "under 0.1 %" : `${p.toFixed(1)} %`;
}

function tierName(t: string | null | undefined): string {
  return t ? t[0]!.toUpperCase() + t.slice(1) : "";
}

async function achievementsScreen(gen: number): Promise<void> {
  show("Achievements", h("p", { class: "muted" }, "Loading your achievements…"));
  const all = await api.achievements();
  if (gen !== generation) return;
  const unlocked = all.filter((a) => a.unlocked).length;
  show("Achievements",
    h("p", { id: "achievements-summary" }, `${unlocked} of ${all.length} unlocked. Rarity is the share of learners active in the last 30 days who hold it.`),
    h("ul", { class: "achievements" }, ...all.map(achievementItem)));
}

function achievementItem(a: Achievement): HTMLElement {
  const secret = a.hidden && !a.unlocked;
  const p = a.progress;
  const titleId = `ach-${a.id}`;
  return h("li", { class: `achievement card${a.unlocked ? " unlocked" : ""}${secret ? " secret" : ""}`, "data-id": a.id },
    h("h2", { id: titleId }, a.name,
      a.tier ? h("span", { class: `tier tier-${a.tier}` }, ` ${tierName(a.tier)}`) : null),
    h("p", { class: "state small" }, a.unlocked
      ? `Unlocked${a.unlockedAt ? ` on ${a.unlockedAt.slice(0, 10)}` : ""}`
      : secret ? "Hidden: keep learning to reveal it." : "Not unlocked yet"),
    a.description ? h("p", {}, a.description) : null,
    p ? h("div", { class: "progress" },
      h("progress", { max: String(p.target ?? 1), value: String(p.current ?? 0), "aria-labelledby": titleId }),
      h("span", { class: "count" }, `${p.current ?? 0}/${p.target ?? 1}`)) : null,
    a.levels && a.levels.length > 1 ? h("p", { class: "small muted levels" }, a.levels.map((l) =>
      `${tierName(l.tier)} ${l.target ?? ""}${l.unlocked ? " ✓" : ""}`).join(" · ")) : null,
    h("p", { class: "small rarity" }, `Rarity: ${percent(a.rarity)} of active learners`));
}

// ---- the profile ----

/** A ledger line's amount with its unit: "+15 XP", "-3 diamonds". */
function amount(n: number, kind: string): string {
  const k = kind.toUpperCase();
  const unit = k === "XP" ? "XP" : k === "DIAMONDS" ? (Math.abs(n) === 1 ? "diamond" : "diamonds")
    : k === "BADGE" ? (Math.abs(n) === 1 ? "badge" : "badges") : kind.toLowerCase();
  return `${n > 0 ? "+" : n < 0 ? "−" : ""}${Math.abs(n)} ${unit}`;
}

async function profileScreen(gen: number): Promise<void> {
  show("Your profile", h("p", { class: "muted" }, "Loading your profile…"));
  const [profile, ledger, shop] = await Promise.all([api.me(), api.transactions(), api.shop()]);
  if (gen !== generation) return;
  me = profile;
  renderHeader();
  const figures = h("div", {});
  const drawFigures = (m: Me) => figures.replaceChildren(h("dl", { class: "figures", "aria-label": "Your figures" },
    figure("XP", String(m.xp ?? 0), "profile-xp"),
    figure("Level", String(m.level ?? ""), "profile-level"),
    figure("Diamonds", String(m.diamonds ?? 0), "profile-diamonds"),
    figure("Badges", String(m.badges ?? 0), "profile-badges"),
    figure("Current streak", days(m.streak?.current ?? 0), "profile-streak"),
    figure("Longest streak", days(m.streak?.longest ?? 0), "profile-longest"),
    figure("Streak freezes", String(m.streak?.freezes ?? 0), "profile-freezes"),
    figure("Time zone", m.timezone ?? "", "profile-timezone"),
    figure("Plan", m.pro ? "Pro" : "Free", "profile-plan")));
  drawFigures(profile);

  // Time zone: "today" (streaks, daily quests) is the learner's local day; the server allows a change every 7 days.
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const current = profile.timezone ?? "UTC";
  const select = h("select", { id: "timezone", name: "timezone", "aria-describedby": "timezone-help" },
    ...[...new Set([current, "UTC", ...zones])].sort().map((z) => h("option", { value: z, selected: z === current }, z)));
  const save = h("button", { type: "submit" }, "Change time zone");
  const tzOut = h("div", { id: "timezone-result", "aria-live": "polite" });
  const form = h("form", { class: "card tz" },
    h("label", { for: "timezone" }, "Time zone"),
    h("p", { id: "timezone-help", class: "muted small" }, "Your day (streak, daily quests) starts at midnight here. It can change once every 7 days."),
    select, h("div", { class: "actions" }, save), tzOut);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    save.disabled = true;
    tzOut.replaceChildren();
    try {
      const m = await once((key) => api.setTimezone(select.value, key));
      me = m;
      renderHeader();
      drawFigures(m);
      tzOut.replaceChildren(h("p", { role: "status", class: "ok" }, `Your time zone is now ${m.timezone ?? select.value}.`));
    } catch (e) {
      tzOut.replaceChildren(errorBox(e));
    } finally {
      save.disabled = false;
    }
  });

  const day = (t: string | undefined) => (t ?? "").replace("T", " ").slice(0, 16);
  show("Your profile", figures,
    h("h2", { id: "style-heading" }, "Style"), styleForm(profile, shop),
    h("h2", {}, "Time zone"), form,
    h("h2", { id: "ledger-title" }, "Your ledger"),
    ledger.length
      ? h("div", { class: "scroll" }, h("table", { class: "ledger", id: "ledger", "aria-labelledby": "ledger-title" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "When (UTC)"), h("th", { scope: "col" }, "What"),
            h("th", { scope: "col", class: "num" }, "Amount"))),
          h("tbody", {}, ...ledger.map((t) => h("tr", { "data-kind": t.kind ?? "" },
            h("td", {}, day(t.at)), h("td", {}, t.reason ?? ""),
            h("td", { class: `num ${(t.amount ?? 0) < 0 ? "bad" : "ok"}` }, amount(t.amount ?? 0, t.kind ?? "")))))))
      : h("p", { class: "muted" }, "Nothing earned or spent yet."));
}

const SLOTS: { slot: CosmeticSlot; label: string }[] = [
  { slot: "frame", label: "Avatar frame" }, { slot: "theme", label: "Editor theme" }, { slot: "title", label: "Title" }];

/** Equips owned cosmetics per slot (PUT /me/cosmetics); what is equipped is GET /me's cosmetics. */
function styleForm(profile: Me, shop: Shop): HTMLElement {
  const items = shop.items ?? [];
  const titleOf = (id: string | null | undefined) => (id ? items.find((i) => i.id === id)?.title ?? id : "None");
  const equipped = h("dl", { class: "figures", id: "equipped", "aria-label": "Equipped now" });
  const drawEquipped = (c: Cosmetics | undefined) => equipped.replaceChildren(...SLOTS.map(({ slot, label }) =>
    figure(label, titleOf(c?.[slot]), `equipped-${slot}`)));
  drawEquipped(profile.cosmetics);
  const selects = SLOTS.map(({ slot, label }) => {
    const owned = items.filter((i) => i.cosmetic === slot && (i.held ?? 0) >= 1);
    const now = profile.cosmetics?.[slot] ?? "";
    const select = h("select", { id: `style-${slot}`, name: slot },
      h("option", { value: "" }, "None"),
      ...owned.map((i) => h("option", { value: i.id ?? "", selected: i.id === now }, i.title ?? i.id ?? "")));
    return { slot, el: h("div", { class: "slot" }, h("label", { for: `style-${slot}` }, label), select), select };
  });
  const ownsAny = items.some((i) => i.cosmetic && (i.held ?? 0) >= 1);
  const save = h("button", { type: "submit", id: "style-save" }, "Equip");
  const out = h("div", { id: "style-result", "aria-live": "polite" });
  const form = h("form", { class: "card style", id: "style", "aria-labelledby": "style-heading" },
    h("p", { class: "muted small" }, ownsAny
      ? "Frames go around your avatar, themes colour the code editor, titles show under your name. None takes one off."
      : h("span", {}, "You own no cosmetics yet: ", h("a", { href: "#/shop" }, "the shop"), " sells frames, editor themes and titles.")),
    equipped, ...selects.map((x) => x.el), h("div", { class: "actions" }, save), out);
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    save.disabled = true;
    out.replaceChildren();
    const body: Cosmetics = {};
    for (const { slot, select } of selects) body[slot] = select.value || null;
    try {
      const m = await once((key) => api.equip(body, key));
      me = m;
      renderHeader();
      drawEquipped(m.cosmetics);
      out.replaceChildren(h("p", { role: "status", class: "ok" }, "Your style is saved."));
    } catch (e) {
      out.replaceChildren(errorBox(e));
    } finally {
      save.disabled = false;
    }
  });
  return form;
}

function pythonStatus(s: RunnerState): string {
  switch (s.kind) {
    case "idle": return "Python loads in the background for Run.";
    case "loading": return `Python: ${s.stage.toLowerCase()}… ${Math.round((performance.now() - s.since) / 1000)} s`;
    case "ready": return `Python is ready (loaded in ${(s.loadMs / 1000).toFixed(1)} s). Run tries the examples here; Submit is judged on the server.`;
    case "broken": return `Python could not start in this browser: ${s.message}. Submit still works.`;
  }
}

function renderRun(r: RunReport): Node[] {
  if (!r.compile.ok) {
    return [h("h2", {}, "Run"), h("div", { class: "error", role: "alert" },
      `Syntax error${r.compile.line ? ` on line ${r.compile.line}` : ""}: ${r.compile.message ?? ""}`)];
  }
  const passed = r.results.filter((x) => x.status === "PASSED").length;
  return [
    h("h2", {}, "Run"),
    h("p", { class: passed === r.results.length ? "ok" : "bad", id: "run-summary" },
      `${passed} of ${r.results.length} examples pass`, h("span", { class: "muted" }, ` (in your browser, ${r.ms} ms; not judged)`)),
    h("ul", { class: "results" }, ...r.results.map((x) =>
      h("li", { class: `result ${x.status === "PASSED" ? "ok" : "bad"}`, "data-status": x.status },
        h("p", {}, h("strong", {}, x.status === "PASSED" ? "Passed: " : "Failed: "), x.name, " ", h("code", {}, x.input)),
        x.status !== "PASSED" ? h("p", {}, x.message) : null,
        h("dl", { class: "compare" },
          h("dt", {}, "Expected"), h("dd", {}, h("code", { class: "expected" }, x.expected)),
          x.got !== undefined ? h("dt", {}, "Got") : null, x.got !== undefined ? h("dd", {}, h("code", { class: "got" }, x.got)) : null),
        x.stdout ? h("div", {}, h("p", { class: "small" }, "Printed:"), h("pre", { class: "stdout" }, x.stdout)) : null))),
  ];
}

function final(s: Submission): boolean {
  return s.status === "PASSED" || s.status === "FAILED" || s.status === "ERROR";
}

function json(v: unknown): string {
  return v === undefined ? "" : JSON.stringify(v);
}

function renderVerdict(s: Submission): Node[] {
  const v = s.verdict;
  const out: Node[] = [h("h2", {}, "Submission"),
    h("p", { class: s.status === "PASSED" ? "ok verdict" : "bad verdict", id: "verdict" },
      h("strong", {}, s.status ?? ""), v ? ` · ${v.passed ?? 0} of ${v.total ?? 0} tests pass` : null)];
  if (s.message) out.push(h("p", {}, s.message));
  if (v?.tests?.length) {
    out.push(h("ul", { class: "results" }, ...v.tests.map((t: TestResult) =>
      h("li", { class: `result ${t.status === "PASSED" ? "ok" : "bad"}`, "data-status": t.status ?? "" },
        h("p", {}, h("strong", {}, `${t.status ?? ""}: `), t.name ?? "", t.visibility === "hidden" ? h("span", { class: "muted" }, " (hidden test)") : null),
        t.status !== "PASSED" && t.message ? h("p", {}, t.message) : null,
        t.visibility === "public" && t.status !== "PASSED"
          ? h("dl", { class: "compare" }, h("dt", {}, "Expected"), h("dd", {}, h("code", {}, json(t.expected))),
              h("dt", {}, "Got"), h("dd", {}, h("code", {}, json(t.actual)))) : null,
        t.stdout ? h("pre", { class: "stdout" }, t.stdout) : null))));
  }
  if (s.rewards?.length) out.push(h("h3", {}, "Rewards"), rewardList(s.rewards, "rewards"));
  if (s.next) {
    out.push(h("p", {}, "Next: ", h("a", { href: `#/a/${encodeURIComponent(s.next.activity.slug)}` }, s.next.activity.title),
      h("span", { class: "muted" }, ` · ${s.next.why}`)));
  }
  return out;
}

function newKey(): string {
  const b = new Uint8Array(16);
  crypto.getRandomValues(b);
  return "web-" + [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Retries a call that could not reach the server (never one the server answered), same arguments. */
async function retrying<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== "NETWORK" || attempt >= 3) throw e;
      await sleep(1000 * (attempt + 1));
    }
  }
}

// ---- routing ----

async function route(): Promise<void> {
  const gen = ++generation;
  cleanup?.();
  cleanup = null;
  const hash = location.hash || "#/";
  if (!session() && hash !== "#/signin") { location.hash = "#/signin"; return; }
  try {
    if (hash === "#/signin") signInScreen();
    else if (hash.startsWith("#/a/")) await activityScreen(decodeURIComponent(hash.slice(4)), gen);
    else if (hash === "#/shop") await shopScreen(gen);
    else if (hash === "#/quests") await questsScreen(gen);
    else if (hash === "#/leaderboard") await leaderboardScreen(gen);
    else if (hash === "#/achievements") await achievementsScreen(gen);
    else if (hash === "#/profile") await profileScreen(gen);
    else if (hash === "#/pro") await proScreen(gen);
    else if (hash.startsWith("#/pay/")) await payScreen(decodeURIComponent(hash.slice(6)), gen);
    else await mapScreen(gen);
  } catch (e) {
    if (gen !== generation) return;
    if (e instanceof ApiError && e.status === 401) { location.hash = "#/signin"; return; }
    show("Something went wrong", errorBox(e), h("p", {}, h("a", { href: "#/" }, "Back to the course")));
  }
  if (gen === generation && hash !== "#/signin") main.querySelector("h1")?.focus();
}

window.addEventListener("hashchange", () => void route());
renderHeader();
void refreshMe();
void route();
