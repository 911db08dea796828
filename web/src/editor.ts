// The code editor: CodeMirror 6 with Python. Tab indents (Python needs it); Escape then Tab leaves the editor,
// CodeMirror's own way out for keyboard users.
import { Compartment, EditorState } from "@codemirror/state";
import type { Extension } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, indentOnInput, syntaxHighlighting, defaultHighlightStyle, indentUnit, HighlightStyle } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";
import { python } from "@codemirror/lang-python";

export interface Editor {
  view: EditorView;
  code(): string;
  setCode(code: string): void;
  /** The equipped theme cosmetic (GET /me's cosmetics.theme); null or an unknown id: CodeMirror's own light look. */
  setTheme(theme: string | null): void;
}

/** An editor theme: its colours and a highlight style of the same palette (every colour AA on its background). */
function palette(dark: boolean, c: { bg: string; fg: string; gutter: string; line: string; selection: string; cursor: string;
                                   keyword: string; string: string; comment: string; number: string; def: string; punct: string }): Extension {
  return [
    EditorView.theme({
      "&": { backgroundColor: c.bg, color: c.fg },
      ".cm-content": { caretColor: c.cursor },
      ".cm-cursor, .cm-dropCursor": { borderLeftColor: c.cursor },
      "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: c.selection },
      ".cm-gutters": { backgroundColor: c.bg, color: c.gutter, borderRight: `1px solid ${c.line}` },
      ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: c.line },
      "&.cm-focused .cm-matchingBracket": { backgroundColor: c.selection, outline: `1px solid ${c.gutter}` },
    }, { dark }),
    syntaxHighlighting(HighlightStyle.define([
      { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.moduleKeyword, t.operatorKeyword, t.self, t.bool, t.null], color: c.keyword },
      { tag: [t.string, t.special(t.string)], color: c.string },
      { tag: t.comment, color: c.comment, fontStyle: "italic" },
      { tag: t.number, color: c.number },
      { tag: [t.function(t.definition(t.variableName)), t.definition(t.className), t.function(t.variableName)], color: c.def },
      { tag: [t.punctuation, t.operator, t.bracket], color: c.punct },
    ])),
  ];
}

/** The theme cosmetics of economy.yaml, by id. */
const THEMES: Record<string, Extension> = {
  "theme-midnight": palette(true, { bg: "#1b1f2a", fg: "#e6e6e6", gutter: "#9aa5b1", line: "#262b38", selection: "#3a4256", cursor: "#ffffff",
    keyword: "#c792ea", string: "#c3e88d", comment: "#9aa5b1", number: "#f78c6c", def: "#82aaff", punct: "#89ddff" }),
  // Solarized's light base with its accents darkened until each reads at WCAG AA on it.
  "theme-solarized": palette(false, { bg: "#fdf6e3", fg: "#3c4f55", gutter: "#586e75", line: "#f6efda", selection: "#eee8d5", cursor: "#3c4f55",
    keyword: "#5c6b00", string: "#0e6f68", comment: "#586e75", number: "#a2371c", def: "#2a6f97", punct: "#3c4f55" }),
};

function themeOf(theme: string | null): Extension {
  return (theme && THEMES[theme]) || [];
}

export function createEditor(parent: HTMLElement, initial: string, label: string, onChange: (code: string) => void,
                             onRun: () => void, theme: string | null = null): Editor {
  const look = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: initial,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        indentUnit.of("    "),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        python(),
        look.of(themeOf(theme)),
        keymap.of([{ key: "Mod-Enter", run: () => { onRun(); return true; } }, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.contentAttributes.of({ "aria-label": label, "aria-describedby": "editor-help" }),
        EditorView.updateListener.of((u) => { if (u.docChanged) onChange(u.state.doc.toString()); }),
      ],
    }),
  });
  return {
    view,
    code: () => view.state.doc.toString(),
    setCode: (code) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } }),
    setTheme: (id) => view.dispatch({ effects: look.reconfigure(themeOf(id)) }),
  };
}
