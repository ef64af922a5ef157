// What people do in the browser, for tests/e2e/web_browser.py (which starts the servers and writes
// the config): Debian's chromium, driven by playwright-core, headless, each person in a browser
// profile of their own.
//   1. The head signs in through /login and the mailed link, opens the plan's overview and reads the
//      completion figures.
//   2. The executor, on a phone-sized screen, opens a task link from the digest they were mailed, is
//      sent to sign in, signs in through the mailed link, lands on that task, fills in the result
//      and marks it done; "my tasks" then lists it among the done ones.
//   3. The head reloads the overview: exactly one more task is done; then the matrix and a report.
// Every page visited is checked for markup from the plan that became elements (script, img, on*
// handlers), for dialogs and for scripts the page's policy refused, and for a body wider than the
// screen (sideways scrolling; wide tables scroll inside their own box). One screenshot a page goes to
// the folder the config names.
// Prints a line per step and, last, one line of JSON with the figures read (for the Python side).
// Usage: node flow.mjs CONFIG.json
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const cfg = JSON.parse(readFileSync(process.argv[2], "utf8"));
const base = cfg.base;
const problems = [];   // dialogs, refused scripts, page errors: fatal, reported with the page
const seenMails = new Set();
let currentStep = "";

class StepFailure extends Error {}

function need(cond, what) {
  if (!cond) throw new StepFailure(what);
}

async function step(name, fn) {
  currentStep = name;
  console.log(`-- ${name}`);
  return fn();
}

// The flags that let Debian's chromium run headless here (as root, without a GPU, offline):
// no sandbox (root), no GPU, no QUIC, and none of the background traffic to Google's services.
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"];

// A person's own browser: a fresh profile folder, so no cookie is shared between people.
async function browserFor(who, screen) {
  const dir = path.join(cfg.profilesDir, who);
  mkdirSync(dir, { recursive: true });
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: cfg.chromium, headless: true, args: FLAGS, locale: "ru-RU", timezoneId: "Europe/Moscow", ...screen,
  });
  context.setDefaultTimeout(20000);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("dialog", async (d) => {
    problems.push(`${who}: a dialog opened (${d.type()}: ${d.message()}) on ${page.url()}`);
    await d.dismiss();
  });
  page.on("pageerror", (e) => problems.push(`${who}: a script error on ${page.url()}: ${e.message}`));
  page.on("console", (m) => {
    // The Content-Security-Policy forbids every script: a refusal means some markup tried to run.
    if (/Refused to (execute|load|apply)/.test(m.text())) problems.push(`${who}: ${m.text()} on ${page.url()}`);
  });
  return { context, page };
}

// A mail to `to` not read before whose subject matches, polled from the SMTP server's folder.
async function mailTo(to, subject, seconds = 30) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    for (const name of readdirSync(cfg.mailsDir).filter((n) => n.endsWith(".json") && !n.startsWith(".")).sort()) {
      if (seenMails.has(name)) continue;
      const m = JSON.parse(readFileSync(path.join(cfg.mailsDir, name), "utf8"));
      if (m.to === to.toLowerCase() && subject.test(m.subject)) {
        seenMails.add(name);
        return m;
      }
    }
    need(Date.now() < until, `no mail to ${to} with a subject like ${subject} within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(cfg.shotsDir, name), fullPage: true });
}

// What every page must be: nothing from the data turned into live markup, nothing ran, and the body
// no wider than the screen.
async function checkPage(page, what) {
  const seen = await page.evaluate(() => {
    const live = [];
    for (const e of document.querySelectorAll("script, img, iframe, object, embed")) live.push(e.outerHTML.slice(0, 80));
    for (const e of document.querySelectorAll("*"))
      for (const a of e.attributes) if (a.name.startsWith("on")) live.push(`${e.tagName.toLowerCase()} ${a.name}`);
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest(".scroll"))
      .slice(0, 5).map((e) => `${e.tagName.toLowerCase()}${e.className ? "." + e.className : ""}`);
    return { live, scroll: document.documentElement.scrollWidth, width, wide };
  });
  need(seen.live.length === 0, `${what}: markup from the data became elements: ${seen.live.join("; ")}`);
  need(problems.length === 0, `${what}: ${problems.join("; ")}`);
  need(seen.scroll <= seen.width,
       `${what}: the page scrolls sideways: ${seen.scroll} px on a ${seen.width} px screen (too wide: ${seen.wide.join(", ")})`);
}

async function go(page, url, what) {
  const res = await page.goto(url);
  need(res && res.ok(), `${what}: GET ${url} answered ${res ? res.status() : "nothing"}`);
  return res;
}

// Sign-in from the /login page the person is on: the e-mail, the mailed link, the button.
async function signIn(page, who, role, landing) {
  need(/\/login(\?|$)/.test(page.url()), `${role}: on the sign-in page, not ${page.url()}`);
  need((await page.locator("h1").innerText()).trim() === "Вход", `${role}: the sign-in page's heading is «Вход»`);
  await checkPage(page, `${role}: the sign-in page`);
  await shot(page, `${role}-1-login.png`);
  await page.locator('input[name="email"]').fill(who.email);
  await page.getByRole("button", { name: "Прислать ссылку" }).click();
  // The answer is the same page with a notice (the form posts to /login): wait for the notice.
  const flash = await page.locator(".flash").innerText();
  need(flash.includes("Если этот адрес есть в справочнике, на него отправлена ссылка для входа"),
       `${role}: the page says a link was sent: «${flash}»`);
  const mail = await mailTo(who.email, /^Вход в «Дорожные карты»$/);
  const link = mail.links.find((l) => l.startsWith(`${base}/auth/`));
  need(link, `${role}: the sign-in mail holds a link ${base}/auth/...: ${mail.links.join(" ")}`);
  await go(page, link, `${role}: the mailed link`);
  need((await page.locator("main").innerText()).includes(`Войти как ${who.name}?`),
       `${role}: the link's page asks «Войти как ${who.name}?»`);
  await checkPage(page, `${role}: the link's page`);
  await shot(page, `${role}-2-link.png`);
  await Promise.all([page.waitForURL(landing), page.getByRole("button", { name: "Войти", exact: true }).click()]);
  need(page.url() === landing, `${role}: signed in, lands on ${landing}, not ${page.url()}`);
}

const num = (s) => Number(String(s).replace(/\s/g, ""));

// The overview's figures: the cards, and the "Выполнено" column of the section and body tables.
async function readOverview(page) {
  return page.evaluate(() => {
    const card = (sel) => document.querySelector(`.cards ${sel}`)?.innerText ?? "";
    const table = (heading) => {
      const h = [...document.querySelectorAll("h2")].find((e) => e.innerText.startsWith(heading));
      if (!h) return null;
      const t = h.nextElementSibling?.querySelector("table");
      if (!t) return null;
      const cols = [...t.querySelectorAll("thead th")].map((th) => th.innerText.trim());
      return [...t.querySelectorAll("tbody tr")].map((tr) => {
        const cells = [...tr.children].map((td) => td.innerText.trim());
        return Object.fromEntries(cols.map((c, i) => [c || `#${i}`, cells[i]]));
      });
    };
    return {
      totalCard: card("a.card:first-child .v"),
      doneCard: card(".card.done"),
      donePercent: card(".card.done .v"),
      overdueCard: card(".card.late .v"),
      sections: table("Исполнение по разделам"),
      bodies: table("Исполнение по органам"),
    };
  });
}

function figures(raw, body) {
  const done = /выполнено \((\d+)\)/.exec(raw.doneCard);
  need(done, `the overview's «выполнено» card shows a count: «${raw.doneCard}»`);
  need(raw.sections && raw.sections.length > 0, "the overview has a table of sections");
  const bodyRow = (raw.bodies ?? []).find((r) => r["Орган / подразделение"] === body);
  need(bodyRow, `the overview's table of bodies has a row «${body}»`);
  return {
    total: num(raw.totalCard),
    done: Number(done[1]),
    percent: raw.donePercent,
    overdue: num(raw.overdueCard),
    sectionsDone: raw.sections.reduce((s, r) => s + num(r["Выполнено"]), 0),
    bodyDone: num(bodyRow["Выполнено"]),
  };
}

// The plan's row on the head's list of plans: tasks, done, overdue.
async function readHome(page, plan) {
  const cells = await page.evaluate((plan) => {
    const a = document.querySelector(`main table a[href="/plans/${plan}"]`);
    return a ? [...a.closest("tr").children].map((td) => td.innerText.trim()) : null;
  }, plan);
  need(cells, `the list of plans has a row for ${plan}`);
  return { total: num(cells[2]), done: num(cells[3].split("·")[0]), overdue: num(cells[4]) };
}

function sameAsOverview(home, o, when) {
  need(home.total === o.total && home.done === o.done && home.overdue === o.overdue,
       `${when}: the list of plans says ${JSON.stringify(home)}, the plan's overview ${JSON.stringify(o)}`);
}

const browsers = [];
const report = {};
try {
  const head = await browserFor("head", { viewport: { width: 1280, height: 900 } });
  // The executor reads the digest on a phone.
  const exec = await browserFor("executor", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  browsers.push(head.context, exec.context);
  const overviewUrl = `${base}/plans/${cfg.plan}`;
  const taskUrl = `${base}/tasks/${cfg.taskId}`;

  await step("the head opens the site and is asked to sign in", async () => {
    await go(head.page, `${base}/`, "head: the site");
    need(head.page.url() === `${base}/login?next=%2F`, `head: sent to sign in, not ${head.page.url()}`);
  });
  await step("the head signs in through the mailed link and sees the list of plans", async () => {
    await signIn(head.page, cfg.head, "head", `${base}/`);
    await checkPage(head.page, "head: the list of plans");
    report.homeBefore = await readHome(head.page, cfg.plan);
    await shot(head.page, "head-3-plans.png");
  });

  await step("the head opens the plan's overview and reads the completion", async () => {
    await head.page.locator(`main a[href="/plans/${cfg.plan}"]`).first().click();
    await head.page.waitForURL(overviewUrl);
    await checkPage(head.page, "head: the overview");
    report.before = figures(await readOverview(head.page), cfg.executor.body);
    console.log(`   before: ${JSON.stringify(report.before)}`);
    need(report.before.total > 0, "the plan has tasks");
    need(report.before.sectionsDone === report.before.done, "the sections' «Выполнено» add up to the card");
    sameAsOverview(report.homeBefore, report.before, "before");
    await shot(head.page, "head-4-overview-before.png");
  });

  await step("the executor opens the task link of their digest and is asked to sign in", async () => {
    const digest = await mailTo(cfg.executor.email, /^Дорожные карты, 30\.11\.2023/);
    const link = digest.links.find((l) => l === taskUrl);
    need(link, `the digest links ${taskUrl}: ${digest.links.join(" ")}`);
    await go(exec.page, link, "executor: the digest's link");
    need(exec.page.url() === `${base}/login?next=%2Ftasks%2F${cfg.taskId}`, `executor: sent to sign in, not ${exec.page.url()}`);
    need((await exec.page.locator('input[name="next"]').inputValue()) === `/tasks/${cfg.taskId}`,
         "executor: the sign-in form keeps the task to return to");
  });
  await step("the executor signs in through the mailed link and lands on the task", () =>
    signIn(exec.page, cfg.executor, "executor", taskUrl));

  await step("the task page shows the task, the plan's markup as text", async () => {
    const page = exec.page;
    await checkPage(page, "executor: the task page");
    const main = await page.locator("main").innerText();
    need(main.includes(cfg.injectedMeasure), `the measure is shown with its markup as text: «${cfg.injectedMeasure}»`);
    need(main.includes(cfg.injectedResult), `the expected result is shown with its markup as text: «${cfg.injectedResult}»`);
    need(main.includes(cfg.executor.school_name), `the task is ${cfg.executor.school_name}'s`);
    need((await page.locator("h1 .st").innerText()) === "просрочено", "the task is marked overdue");
    await shot(page, "executor-3-task-before.png");
  });

  await step("the executor fills in the result and marks the task done", async () => {
    const page = exec.page;
    const form = page.locator('form:has(input[name="action"][value="done"])');
    await form.locator('textarea[name="text"]').fill(cfg.resultText);
    await form.locator('input[name="document"]').fill(cfg.document);
    await Promise.all([page.waitForURL(`${taskUrl}?saved=1`),
                       form.getByRole("button", { name: "Отметить выполненным" }).click()]);
    need((await page.locator('.flash[role="status"]').innerText()).trim() === "Сохранено.", "the page says «Сохранено.»");
    need((await page.locator("h1 .st").innerText()) === "выполнено", "the task's badge says «выполнено»");
    const main = await page.locator("main").innerText();
    need(main.includes(cfg.resultText), "the result is shown as typed");
    need(main.includes(`Документ: ${cfg.document}`), "the document is shown");
    need(await page.locator('form:has(input[name="action"][value="done"])').count() === 0, "no «mark done» form any more");
    const history = await page.locator("table").last().innerText();
    need(history.includes(cfg.executor.name) && history.includes("запланировано → выполнено"),
         `the history says who marked it, in words: ${history}`);
    await checkPage(page, "executor: the task page after marking");
    await shot(page, "executor-4-task-after.png");
  });

  await step("the executor's «Мои задачи», done ones: this task", async () => {
    const page = exec.page;
    await page.getByRole("link", { name: "Мои задачи" }).click();
    await page.waitForURL(`${base}/my`);
    await checkPage(page, "executor: my tasks");
    await page.locator('select[name="status"]').selectOption("done");
    await Promise.all([page.waitForURL(/status=done/), page.getByRole("button", { name: "Показать" }).click()]);
    await checkPage(page, "executor: my done tasks");
    const links = await page.locator('main table tbody a[href^="/tasks/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    need(links.length === 1 && links[0] === `/tasks/${cfg.taskId}`, `the one done task is listed: ${links.join(" ")}`);
    await shot(page, "executor-5-my-done.png");
  });

  await step("the head reloads the overview: exactly one more task is done", async () => {
    await head.page.reload();
    await checkPage(head.page, "head: the overview after");
    report.after = figures(await readOverview(head.page), cfg.executor.body);
    console.log(`   after:  ${JSON.stringify(report.after)}`);
    const b = report.before, a = report.after;
    need(a.done === b.done + 1, `the «выполнено» card grew by one: ${b.done} -> ${a.done}`);
    need(a.sectionsDone === b.sectionsDone + 1, `the sections' «Выполнено» grew by one: ${b.sectionsDone} -> ${a.sectionsDone}`);
    need(a.bodyDone === b.bodyDone + 1, `«${cfg.executor.body}»'s «Выполнено» grew by one: ${b.bodyDone} -> ${a.bodyDone}`);
    need(a.overdue === b.overdue - 1, `one overdue task less: ${b.overdue} -> ${a.overdue}`);
    need(a.total === b.total, `the total stays: ${b.total} -> ${a.total}`);
    need(Math.abs(parseFloat(a.percent) - 100 * a.done / a.total) <= 0.5, `the card's share ${a.percent} is ${a.done} of ${a.total}`);
    await shot(head.page, "head-5-overview-after.png");
  });

  await step("the head's list of plans agrees", async () => {
    await head.page.getByRole("link", { name: "Планы", exact: true }).click();
    await head.page.waitForURL(`${base}/`);
    await checkPage(head.page, "head: the list of plans after");
    sameAsOverview(await readHome(head.page, cfg.plan), report.after, "after");
    await head.page.goBack();
    await head.page.waitForURL(overviewUrl);
  });

  await step("the head opens the schools × items matrix", async () => {
    const page = head.page;
    await page.getByRole("link", { name: "Школы × пункты" }).click();
    await page.waitForURL(`${overviewUrl}/matrix`);
    await checkPage(page, "head: the matrix");
    const cell = await page.evaluate(({ school, injected }) => {
      for (const t of document.querySelectorAll("table.matrix")) {
        const col = [...t.querySelectorAll("thead th")].findIndex((th) => (th.getAttribute("title") ?? "").includes(injected));
        if (col < 0) continue;
        const row = [...t.querySelectorAll("tbody tr")].find((tr) => tr.children[0].innerText.trim() === school);
        if (!row) return { error: `no row ${school}` };
        return { cls: row.children[col].className, text: row.children[col].innerText.trim() };
      }
      return { error: "no column whose title is the item's text (with its markup, as text)" };
    }, { school: cfg.executor.school_name, injected: cfg.injectedMeasure });
    need(!cell.error, `the matrix: ${cell.error}`);
    report.matrixCell = cell.cls;
    await shot(page, "head-6-matrix.png");
  });

  await step("the head opens the plan execution report: the executor's result is there", async () => {
    const page = head.page;
    await page.getByRole("link", { name: "Отчёты", exact: true }).first().click();
    await page.waitForURL(/\/reports/);
    await checkPage(page, "head: the reports page");
    need((await page.locator(".report h1").innerText()).trim() === "Выполнение плана мероприятий",
         "the reports open on the completion report");
    await shot(page, "head-7-report-completion.png");
    await page.locator('select[name="kind"]').selectOption("execution");
    await Promise.all([page.waitForURL(/kind=execution/), page.getByRole("button", { name: "Показать" }).click()]);
    await checkPage(page, "head: the execution report");
    need((await page.locator(".report h1").innerText()).trim() === "Отчёт об исполнении плана мероприятий",
         "the execution report is shown");
    const row = await page.evaluate((injected) => {
      const tr = [...document.querySelectorAll(".report table tbody tr")].find((r) => r.innerText.includes(injected));
      return tr ? tr.innerText : null;
    }, cfg.injectedMeasure);
    need(row, "the report has the item's row with its markup as text");
    need(row.includes(cfg.executor.school_name) && row.includes(cfg.resultText),
         `the item's row records the executor's result: ${row}`);
    await shot(page, "head-8-report-execution.png");
  });

  // The markup must not have run anywhere at any time (a dialog may come late).
  await new Promise((r) => setTimeout(r, 300));
  need(problems.length === 0, problems.join("; "));
} catch (e) {
  console.log(`FAIL: ${currentStep}: ${e instanceof StepFailure ? e.message : e.stack}`);
  for (const b of browsers) await b.close().catch(() => {});
  process.exit(1);
}
for (const b of browsers) await b.close();
console.log(JSON.stringify(report));
