/**
 * No regex of the bulletin parser can backtrack catastrophically (issue #13: a heading line with a
 * long run of spaces, or long runs of ” or 。, took seconds to minutes). Every regex literal in the
 * parser's source is found with the TypeScript compiler and checked by recheck, a ReDoS analyser
 * (exponential and polynomial backtracking): a new ambiguous regex fails this test by name.
 */
import fs from "node:fs";
import path from "node:path";
import { checkSync } from "recheck";
import fc from "fast-check";
import ts from "typescript";
import { tocTitle } from "~/import/toc";
import { describe, expect, it } from "vitest";

const PARSER_FILES = [
  ...fs.readdirSync("app/import").filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f) => path.join("app/import", f)),
  "app/cases/form/page-chrome.ts",
];

function regexLiterals(file: string): { file: string; line: number; source: string; flags: string }[] {
  const sf = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const found: { file: string; line: number; source: string; flags: string }[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(sf);
      const end = text.lastIndexOf("/");
      found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, source: text.slice(1, end), flags: text.slice(end + 1) });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe("the parser's regexes", () => {
  const all = PARSER_FILES.flatMap(regexLiterals);

  it("are found (the test looks at real source)", () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it("are all safe from catastrophic backtracking (recheck)", () => {
    const vulnerable = all
      .map((r) => ({ ...r, result: checkSync(r.source, r.flags.replace(/[gy]/g, ""), { timeout: 10_000 }) }))
      .filter((r) => r.result.status !== "safe")
      .map((r) => `${r.file}:${r.line} /${r.source}/${r.flags} → ${r.result.status}${"complexity" in r.result && r.result.complexity ? ` (${r.result.complexity.type})` : ""}`);
    expect(vulnerable).toEqual([]);
  }, 120_000);
});

describe("the hand-written 目录 reader", () => {
  // The regex it replaced, fine on short lines: the reader must agree with it on every line.
  const OLD = /^(.+?)(?:\s*[.．·…。]{2,}\s*(\d{1,4})?|\s*\t+\s*(\d{1,4})|\s+(\d{1,4}))\s*$/;
  const old = (line: string) => {
    const m = OLD.exec(line);
    return m ? m[1]!.trim() || null : null;
  };

  it("reads every short line as the old regex did", () => {
    const char = fc.constantFrom(..."标题一 \t.．·…。0123456789a\u3000");
    fc.assert(fc.property(fc.array(char, { maxLength: 14 }).map((a) => a.join("")), (line) => {
      expect(tocTitle(line), JSON.stringify(line)).toBe(old(line));
    }), { numRuns: 5000 });
  });
});
