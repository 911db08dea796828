// A small Markdown subset rendered into DOM nodes: text only ever goes through textContent, so nothing in
// content or in a learner's name can inject markup. Headings, paragraphs, fenced code, bullet and numbered
// lists, inline code, **strong**, *emphasis*, [links](url) (relative or http(s) only).

export function renderMarkdown(source: string): DocumentFragment {
  const out = document.createDocumentFragment();
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  // The page's own title is the h1: the content's top heading level becomes h2, and levels below follow it
  // without gaps in the outline (axe's heading-order).
  let top = 6, fenced = false;
  for (const l of lines) {
    if (/^```/.test(l)) fenced = !fenced;
    const m = !fenced && /^(#{1,6})\s/.exec(l);
    if (m) top = Math.min(top, (m[1] ?? "#").length);
  }
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (line.trim() === "") { i++; continue; }
    const fence = /^```/.exec(line);
    if (fence) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !/^```/.test(lines[i] ?? "")) code.push(lines[i++] ?? "");
      i++;
      const pre = document.createElement("pre");
      const c = document.createElement("code");
      c.textContent = code.join("\n");
      pre.append(c);
      out.append(pre);
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      const level = Math.min(6, (heading[1] ?? "#").length - top + 2);
      const h = document.createElement(`h${level}`);
      h.append(inline(heading[2] ?? ""));
      out.append(h);
      i++;
      continue;
    }
    const item = /^\s*([-*]|\d+[.)])\s+/;
    if (item.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const list = document.createElement(ordered ? "ol" : "ul");
      while (i < lines.length && item.test(lines[i] ?? "")) {
        const li = document.createElement("li");
        let text = (lines[i] ?? "").replace(item, "");
        i++;
        while (i < lines.length && /^\s{2,}\S/.test(lines[i] ?? "") && !item.test(lines[i] ?? "")) text += " " + (lines[i++] ?? "").trim();
        li.append(inline(text));
        list.append(li);
      }
      out.append(list);
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && (lines[i] ?? "").trim() !== "" && !/^(```|#{1,6}\s)/.test(lines[i] ?? "") && !item.test(lines[i] ?? "")) {
      para.push((lines[i++] ?? "").trim());
    }
    const p = document.createElement("p");
    p.append(inline(para.join(" ")));
    out.append(p);
  }
  return out;
}

const INLINE = /(`[^`]+`)|(\*\*[^*]+\*\*)|(\*[^*\s][^*]*\*|_[^_\s][^_]*_)|(\[[^\]]+\]\([^)\s]+\))/;

export function inline(text: string): DocumentFragment {
  const out = document.createDocumentFragment();
  let rest = text;
  while (rest) {
    const m = INLINE.exec(rest);
    if (!m) { out.append(rest); break; }
    if (m.index > 0) out.append(rest.slice(0, m.index));
    const t = m[0];
    if (m[1]) {
      const c = document.createElement("code");
      c.textContent = t.slice(1, -1);
      out.append(c);
    } else if (m[2]) {
      const s = document.createElement("strong");
      s.append(inline(t.slice(2, -2)));
      out.append(s);
    } else if (m[3]) {
      const e = document.createElement("em");
      e.append(inline(t.slice(1, -1)));
      out.append(e);
    } else {
      const link = /^\[([^\]]+)\]\(([^)\s]+)\)$/.exec(t);
      const href = link?.[2] ?? "";
      if (/^(https?:\/\/|#|\/(?!\/))/.test(href)) {
        const a = document.createElement("a");
        a.href = href;
        if (/^https?:/.test(href)) a.rel = "noopener noreferrer";
        a.append(inline(link?.[1] ?? ""));
        out.append(a);
      } else {
        out.append(link?.[1] ?? t);
      }
    }
    rest = rest.slice(m.index + t.length);
  }
  return out;
}
