/*
 * CloudAtlas SPARQL editor: CodeMirror 6 with SPARQL highlighting, completion and a Run button, as a
 * Streamlit component. Bundled by build.mjs into ../frontend/editor.min.js; nothing is loaded from the network.
 *
 * Speaks the Streamlit component protocol (API version 1) by hand, with window.postMessage:
 *   -> parent  {isStreamlitMessage: true, type: "streamlit:componentReady", apiVersion: 1}
 *   <- parent  {type: "streamlit:render", args: {text, seed, completions, error, height}}
 *   -> parent  {isStreamlitMessage: true, type: "streamlit:setComponentValue", value, dataType: "json"}
 *   -> parent  {isStreamlitMessage: true, type: "streamlit:setFrameHeight", height}
 *
 * The value is {text, sent, run}: `text` is the whole document, `sent` is new in every message, `run` is
 * new in the message of each run (Run button, Ctrl/Cmd+Enter) and repeated otherwise. A run sends the
 * document as shown at that moment, so the query run is always the text on screen. Between runs the text is
 * also sent after a pause in typing, so that a page that is left and opened again shows it.
 *
 * `text` is shown when the editor starts and whenever `seed` changes (an example or a query from the history
 * was picked). `error` ({line, column, message, id}) marks where the last run failed.
 *
 * For tests: window.cloudatlasEditor = {view, text(), runs}; <body data-ready="1"> once the editor is shown.
 */
import {autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap} from "@codemirror/autocomplete";
import {defaultKeymap, history, historyKeymap, indentWithTab} from "@codemirror/commands";
import {
  bracketMatching,
  HighlightStyle,
  indentOnInput,
  StreamLanguage,
  syntaxHighlighting,
  syntaxTree,
} from "@codemirror/language";
import {sparql} from "@codemirror/legacy-modes/mode/sparql";
import {lintGutter, setDiagnostics} from "@codemirror/lint";
import {highlightSelectionMatches, searchKeymap} from "@codemirror/search";
import {Annotation, EditorState, Prec} from "@codemirror/state";
import {tags} from "@lezer/highlight";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";

const TYPING_PAUSE = 700; // ms of no typing before the text is sent without a run
const fromPage = Annotation.define(); // marks documents put in place by the page, never sent back

let view = null;
let seed = null;
let errorShown = null;
let completionData = "";
let options = {plain: [], prefixed: []};
let lastRun = null;
let pending = null;
let runs = 0;

function post(type, extra) {
  window.parent.postMessage(Object.assign({isStreamlitMessage: true, type}, extra || {}), "*");
}

function nonce() {
  return Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
}

function send(run) {
  clearTimeout(pending);
  pending = null;
  if (run) {
    lastRun = nonce();
    runs += 1;
  }
  const value = {text: view.state.doc.toString(), sent: nonce(), run: lastRun};
  post("streamlit:setComponentValue", {value, dataType: "json"});
}

function runQuery() {
  send(true);
  return true;
}

// ---- completion -------------------------------------------------------------------------------------

function buildOptions(data) {
  const keywords = (data.keywords || []).map((k) => ({label: k, type: "keyword", boost: -1}));
  const prefixes = (data.prefixes || []).map((p) => ({label: p.label, detail: p.detail, type: "namespace"}));
  const terms = (data.terms || []).map((t) => ({label: t.label, detail: t.detail, type: t.type}));
  const namesByLabel = (data.names || []).map((n) => ({
    label: n.label,
    detail: n.apply + (n.detail ? " · " + n.detail : ""),
    apply: n.apply,
    type: "constant",
  }));
  const namesByIri = (data.names || []).map((n) => ({
    label: n.apply,
    detail: n.label + (n.detail ? " · " + n.detail : ""),
    type: "constant",
  }));
  return {plain: keywords.concat(prefixes, terms, namesByLabel), prefixed: terms.concat(namesByIri)};
}

function variables(state, except) {
  const seen = new Set();
  const found = state.doc.toString().matchAll(/[?$]([A-Za-z_][\w]*)/g);
  for (const m of found) {
    if (m.index !== except) seen.add(m[1]);
  }
  return [...seen].map((name) => ({label: name, type: "variable"}));
}

function complete(context) {
  const node = syntaxTree(context.state).resolveInner(context.pos, -1);
  if (/string|comment/.test(node.type.name)) return null;
  const word = context.matchBefore(/[\w:.\-]*$/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  const before = word.from > 0 ? context.state.sliceDoc(word.from - 1, word.from) : "";
  if (before === "?" || before === "$") {
    return {from: word.from, options: variables(context.state, word.from - 1), validFor: /^\w*$/};
  }
  if (before === "<" || /^\d/.test(word.text)) return null;
  const prefixed = word.text.includes(":");
  return {from: word.from, options: prefixed ? options.prefixed : options.plain, validFor: /^[\w:.\-]*$/};
}

// ---- the editor ---------------------------------------------------------------------------------------

const theme = EditorView.theme({
  "&": {height: "100%", fontSize: "14px", border: "1px solid rgba(49, 51, 63, 0.2)", borderRadius: "0.5rem"},
  "&.cm-focused": {outline: "none", borderColor: "var(--primary)"},
  ".cm-scroller": {fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace"},
  ".cm-content": {caretColor: "#262730"},
  ".cm-gutters": {backgroundColor: "#f8f9fb", border: "none", borderRadius: "0.5rem 0 0 0.5rem"},
  ".cm-tooltip-autocomplete ul li[aria-selected]": {backgroundColor: "var(--primary)"},
  ".cm-completionDetail": {marginLeft: "1em", fontStyle: "normal", opacity: 0.7},
});

// Keywords, ?variables, prefixed names and IRIs, functions, literals and comments each in a colour of their own.
const colours = HighlightStyle.define([
  {tag: tags.keyword, color: "#1d4ed8", fontWeight: "600"},
  {tag: tags.local(tags.variableName), color: "#0f766e"},
  {tag: tags.atom, color: "#9a3412"},
  {tag: tags.standard(tags.variableName), color: "#7c3aed"},
  {tag: tags.string, color: "#b91c1c"},
  {tag: tags.number, color: "#047857"},
  {tag: tags.meta, color: "#6b7280"},
  {tag: tags.comment, color: "#6b7280", fontStyle: "italic"},
  {tag: tags.operator, color: "#374151"},
]);

function create(parent, text) {
  const listener = EditorView.updateListener.of((update) => {
    if (!update.docChanged || update.transactions.some((t) => t.annotation(fromPage))) return;
    clearTimeout(pending);
    pending = setTimeout(() => send(false), TYPING_PAUSE);
  });
  const state = EditorState.create({
    doc: text,
    extensions: [
      Prec.highest(keymap.of([{key: "Mod-Enter", run: runQuery, preventDefault: true}])),
      lineNumbers(),
      highlightActiveLineGutter(),
      history(),
      drawSelection(),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      StreamLanguage.define(sparql),
      syntaxHighlighting(colours),
      autocompletion({override: [complete], activateOnTyping: true, maxRenderedOptions: 60}),
      lintGutter(),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap, indentWithTab]),
      EditorState.tabSize.of(2),
      theme,
      EditorView.contentAttributes.of({"aria-label": "SPARQL query"}),
      listener,
    ],
  });
  return new EditorView({state, parent});
}

function showError(error) {
  const id = error ? error.id : null;
  if (id === errorShown) return;
  errorShown = id;
  const diagnostics = [];
  const doc = view.state.doc;
  if (error && error.line > 0 && error.line <= doc.lines) {
    const line = doc.line(error.line);
    const from = Math.min(line.from + Math.max((error.column || 1) - 1, 0), line.to);
    const wordEnd = view.state.sliceDoc(from, line.to).search(/\s|$/);
    const to = error.column ? Math.max(from + wordEnd, Math.min(from + 1, line.to)) : line.to;
    diagnostics.push({from: error.column ? from : line.from, to, severity: "error", message: error.message});
  }
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

function render(args, themeInfo) {
  const height = Math.max(120, Number(args.height) || 320);
  if (themeInfo && themeInfo.primaryColor) {
    document.documentElement.style.setProperty("--primary", themeInfo.primaryColor);
  }
  const text = typeof args.text === "string" ? args.text : "";
  if (!view) {
    view = create(document.getElementById("editor"), text);
    seed = args.seed;
    document.body.dataset.ready = "1";
  } else if (args.seed !== seed) {
    seed = args.seed;
    clearTimeout(pending);
    pending = null;
    view.dispatch({changes: {from: 0, to: view.state.doc.length, insert: text}, annotations: fromPage});
  }
  const data = JSON.stringify(args.completions || {});
  if (data !== completionData) {
    completionData = data;
    options = buildOptions(args.completions || {});
  }
  showError(args.error || null);
  post("streamlit:setFrameHeight", {height});
}

window.addEventListener("message", (event) => {
  const msg = event.data;
  if (event.source !== window.parent || !msg || msg.type !== "streamlit:render") return;
  render(msg.args || {}, msg.theme);
});

document.getElementById("run").addEventListener("click", () => {
  if (view) runQuery();
});
const mac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
document.getElementById("keys").textContent = (mac ? "⌘" : "Ctrl") + "+Enter runs";

window.cloudatlasEditor = {
  get view() {
    return view;
  },
  text: () => (view ? view.state.doc.toString() : ""),
  get runs() {
    return runs;
  },
};

post("streamlit:componentReady", {apiVersion: 1});
