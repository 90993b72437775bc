// Peppy's page. Every piece of text goes in through textContent, never as HTML.
"use strict";

const TEXT = {
  en: {
    language: "Language", guided: "Guided (thought record)", new: "New conversation",
    notice: "Peppy is an AI, not a therapist, and not for emergencies. If you are in danger, call your local emergency number.",
    crisisTitle: "You deserve support right now.", history: "Conversations", messageLabel: "Your message",
    placeholder: "Write what is on your mind. Enter sends, Shift+Enter adds a line.", send: "Send",
    thoughtRecord: "Thought record", step: "Step", automaticThought: "Automatic thought", belief: "Intermediate belief",
    distortions: "Distortions", verdicts: "Balanced thoughts", username: "Name", password: "Password",
    signIn: "Sign in", register: "Create account", signOut: "Sign out", keepHistory: "Keep my history",
    keepDays: "days",
    exportAll: "Export my data", delete: "Delete", deleteAccount: "Delete my account",
    confirmDeleteAccount: "Delete your account and everything stored with it? This cannot be undone.", exportJson: "JSON", exportMd: "Markdown",
    waiting: (n) => n > 0 ? `Waiting for Peppy: ${n} ahead of you…` : "Peppy is writing…",
    emergency: "Emergency", you: "You", peppy: "Peppy", failed: "Something went wrong: ",
  },
  zh: {
    language: "语言", guided: "引导模式（思维记录）", new: "新对话",
    notice: "Peppy 是人工智能，不是心理治疗师，也不适用于紧急情况。如果你身处危险，请拨打当地紧急电话。",
    crisisTitle: "你值得立即得到支持。", history: "对话", messageLabel: "你的消息",
    placeholder: "写下你的想法。回车发送，Shift+回车换行。", send: "发送",
    thoughtRecord: "思维记录", step: "步骤", automaticThought: "自动思维", belief: "中间信念",
    distortions: "认知扭曲", verdicts: "平衡的想法", username: "用户名", password: "密码",
    signIn: "登录", register: "注册", signOut: "退出", keepHistory: "保存我的历史",
    keepDays: "天",
    exportAll: "导出我的数据", delete: "删除", deleteAccount: "删除我的账户",
    confirmDeleteAccount: "删除你的账户以及保存的所有内容？此操作无法撤销。", exportJson: "JSON", exportMd: "Markdown",
    waiting: (n) => n > 0 ? `正在排队：前面还有 ${n} 位…` : "Peppy 正在回复…",
    emergency: "紧急情况", you: "你", peppy: "Peppy", failed: "出错了：",
  },
};

const $ = (id) => document.getElementById(id);
const page = {
  lang: (navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en",
  account: null,
  messages: [],          // anonymous: the conversation, kept by the page only
  state: null,           // anonymous: the signed state of the last turn
  conversationId: null,  // with history: the stored conversation
  busy: false,
};

function t(key) { return TEXT[page.lang][key]; }

function csrf() {
  const found = document.cookie.split("; ").find((c) => c.startsWith("crisp_csrf="));
  return found ? decodeURIComponent(found.slice("crisp_csrf=".length)) : "";
}

async function call(method, url, body) {
  const response = await fetch(url, {
    method, credentials: "same-origin",
    headers: { "content-type": "application/json", "x-csrf-token": csrf() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error((data.error && data.error.message) || response.statusText);
  return data;
}

function translate() {
  document.documentElement.lang = page.lang === "zh" ? "zh-CN" : "en";
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  $("lang").value = page.lang;
}

function addMessage(role, text) {
  const el = document.createElement("div");
  el.className = `msg ${role}`;
  el.setAttribute("aria-label", role === "user" ? t("you") : t("peppy"));
  el.textContent = text;
  $("log").appendChild(el);
  el.scrollIntoView({ block: "end" });
  return el;
}

function showCrisis(resources) {
  if (!resources) return;
  $("crisis-emergency").textContent = `${t("emergency")}: ${resources.emergency}`;
  const list = $("crisis-lines");
  list.replaceChildren(...resources.lines.map((line) => { const li = document.createElement("li"); li.textContent = line; return li; }));
  $("crisis").hidden = false;
}

function fillList(el, items) {
  el.replaceChildren(...items.map((text) => { const li = document.createElement("li"); li.textContent = text; return li; }));
}

function showThoughtRecord(record) {
  const panel = $("thought-record");
  panel.hidden = !$("guided").checked;
  if (!record) return;
  const c = record.cognition || {};
  $("tr-step").textContent = record.step || "-";
  $("tr-automatic").textContent = c.automatic_thought || "-";
  $("tr-belief").textContent = c.intermediate_belief || "-";
  fillList($("tr-distortions"), (c.channels || []).map((ch) => `${ch.distortion}: ${ch.example_thought}`));
  fillList($("tr-verdicts"), (record.verdicts || []).map((v) => v.restructured_thought));
}

function resetConversation() {
  page.messages = []; page.state = null; page.conversationId = null;
  $("log").replaceChildren(); $("crisis").hidden = true; $("waiting").hidden = true;
  $("guided").disabled = false;
  showThoughtRecord({ cognition: {}, verdicts: [], step: null });
}

// Server-sent events over fetch (EventSource cannot POST).
async function* readEvents(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
      let kind = "message", data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) kind = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      if (data) yield { kind, data: JSON.parse(data) };
    }
  }
}

async function send(text) {
  if (page.busy || !text.trim()) return;
  page.busy = true; $("send").disabled = true; $("guided").disabled = true;
  addMessage("user", text);
  const reply = addMessage("assistant", "");
  reply.setAttribute("aria-live", "polite");
  reply.setAttribute("aria-busy", "true");
  const body = { text, guided: $("guided").checked, lang: page.lang, turn_id: crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2) };
  const keep = page.account && page.account.keep_history;
  if (keep) body.conversation_id = page.conversationId;
  else { body.messages = page.messages; body.state = page.state; }
  try {
    const response = await fetch("/web/chat", {
      method: "POST", credentials: "same-origin",
      headers: { "content-type": "application/json", "x-csrf-token": csrf() }, body: JSON.stringify(body),
    });
    if (!response.ok) {
      const data = await response.json().catch(() => ({}));
      throw new Error((data.error && data.error.message) || response.statusText);
    }
    for await (const { kind, data } of readEvents(response)) {
      if (kind === "conversation") page.conversationId = data.id;
      else if (kind === "waiting") { $("waiting").textContent = t("waiting")(data.ahead); $("waiting").hidden = false; }
      else if (kind === "text") { $("waiting").hidden = true; reply.textContent += data.piece; }
      else if (kind === "error") throw new Error(data.message);
      else if (kind === "done") {
        reply.textContent = data.text;
        if (data.answered_by === "safety" || data.reply_blocked) { reply.classList.add("safety"); showCrisis(data.resources); }
        if (!keep) { page.messages.push({ role: "user", content: text }, { role: "assistant", content: data.text }); page.state = data.state; }
        if (data.thought_record) showThoughtRecord(data.thought_record);
      }
    }
    if (keep) await loadConversations();
  } catch (error) {
    reply.classList.add("error");
    reply.textContent = t("failed") + error.message;
  } finally {
    reply.setAttribute("aria-busy", "false");
    $("waiting").hidden = true;
    page.busy = false; $("send").disabled = false;
  }
}

async function loadConversations() {
  const nav = $("history");
  nav.hidden = !(page.account && page.account.keep_history);
  if (nav.hidden) return;
  const { conversations } = await call("GET", "/web/conversations");
  $("conversations").replaceChildren(...conversations.map((c) => {
    const li = document.createElement("li");
    li.dataset.id = c.id;
    const open = document.createElement("button");
    open.type = "button"; open.className = "open"; open.textContent = c.title; open.title = c.title;
    open.addEventListener("click", () => openConversation(c.id));
    const json = document.createElement("a");
    json.href = `/web/conversations/${encodeURIComponent(c.id)}/export?format=json`; json.textContent = t("exportJson");
    const md = document.createElement("a");
    md.href = `/web/conversations/${encodeURIComponent(c.id)}/export?format=md`; md.textContent = t("exportMd");
    const del = document.createElement("button");
    del.type = "button"; del.className = "delete"; del.textContent = t("delete");
    del.setAttribute("aria-label", `${t("delete")}: ${c.title}`);
    del.addEventListener("click", async () => {
      await call("DELETE", `/web/conversations/${encodeURIComponent(c.id)}`);
      if (page.conversationId === c.id) resetConversation();
      await loadConversations();
    });
    li.append(open, json, md, del);
    return li;
  }));
}

async function openConversation(id) {
  const found = await call("GET", `/web/conversations/${encodeURIComponent(id)}`);
  resetConversation();
  page.conversationId = id;
  $("guided").checked = found.guided; $("guided").disabled = true;
  found.messages.forEach((m) => addMessage(m.role, m.content));
}

function renderAccount() {
  const box = $("account");
  if (!page.account) {
    const form = $("signin-template").content.cloneNode(true);
    box.replaceChildren(form);
    translate();
    const creds = () => ({ username: $("username").value, password: $("password").value });
    $("signin").addEventListener("submit", async (e) => { e.preventDefault(); await signIn("/web/login", creds()); });
    $("register").addEventListener("click", async () => { await signIn("/web/register", creds()); });
    $("history").hidden = true;
    return;
  }
  const name = document.createElement("span"); name.id = "who"; name.textContent = page.account.username;
  const keepLabel = document.createElement("label"); keepLabel.className = "inline";
  const keep = document.createElement("input"); keep.type = "checkbox"; keep.id = "keep-history"; keep.checked = page.account.keep_history;
  keep.addEventListener("change", async () => {
    page.account = (await call("POST", "/web/history", { keep: keep.checked, retention_days: parseInt(days.value, 10) || page.account.retention_days })).account;
    resetConversation(); await loadConversations();
  });
  const keepText = document.createElement("span"); keepText.textContent = t("keepHistory");
  keepLabel.append(keep, keepText);
  const daysLabel = document.createElement("label"); daysLabel.className = "inline";
  const days = document.createElement("input"); days.type = "number"; days.id = "retention-days"; days.min = "1"; days.max = "3650";
  days.value = String(page.account.retention_days);
  days.addEventListener("change", async () => {
    const value = Math.max(1, Math.min(3650, parseInt(days.value, 10) || 30));
    page.account = (await call("POST", "/web/history", { keep: page.account.keep_history, retention_days: value })).account;
  });
  const daysText = document.createElement("span"); daysText.textContent = t("keepDays");
  daysLabel.append(days, daysText);
  const exportAll = document.createElement("a"); exportAll.href = "/web/export"; exportAll.textContent = t("exportAll");
  const out = document.createElement("button"); out.type = "button"; out.id = "logout"; out.textContent = t("signOut");
  out.addEventListener("click", async () => { await call("POST", "/web/logout"); page.account = null; resetConversation(); renderAccount(); });
  const remove = document.createElement("button"); remove.type = "button"; remove.id = "delete-account"; remove.textContent = t("deleteAccount");
  remove.addEventListener("click", async () => {
    if (!window.confirm(t("confirmDeleteAccount"))) return;
    await call("DELETE", "/web/account"); page.account = null; resetConversation(); renderAccount();
  });
  box.replaceChildren(name, keepLabel, daysLabel, exportAll, out, remove);
  loadConversations();
}

async function signIn(url, creds) {
  try {
    page.account = (await call("POST", url, creds)).account;
    resetConversation(); renderAccount();
  } catch (error) {
    const note = document.createElement("span"); note.className = "error"; note.setAttribute("role", "alert"); note.textContent = error.message;
    $("account").appendChild(note);
  }
}

document.addEventListener("DOMContentLoaded", async () => {
  translate();
  $("lang").addEventListener("change", () => { page.lang = $("lang").value; translate(); renderAccount(); });
  $("guided").addEventListener("change", () => showThoughtRecord(null));
  $("new-chat").addEventListener("click", resetConversation);
  const box = $("message");
  box.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) { e.preventDefault(); $("composer").requestSubmit(); }
  });
  $("composer").addEventListener("submit", (e) => { e.preventDefault(); const text = box.value; box.value = ""; send(text); });
  try { page.account = (await call("GET", "/web/me")).account; } catch (_) { page.account = null; }
  renderAccount();
  document.body.dataset.ready = "1";
});
