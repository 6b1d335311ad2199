/**
 * Arbitraries of hostile form posts for the fuzz suite (tests/integration/security-fuzz.test.ts):
 * wrong types, missing and extra fields, huge strings, deep JSON, control characters, script
 * payloads, invalid UTF-8 as raw bytes, and bodies in the wrong encoding.
 */
import fc from "fast-check";
import { BASE } from "./requests";

/** Payloads that must stay inert text wherever they are stored and shown. */
export const SCRIPT_PAYLOADS = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  '"><script>alert(document.cookie)</script>',
  "javascript:alert(1)",
  "[点我](javascript:alert(1))",
  '<a href="javascript:alert(1)">链接</a>',
  "**粗体**",
  "# 标题",
  "{{7*7}}${7*7}",
  "' OR '1'='1' --",
  "'; drop table cases; --",
  '{ HYPERLINK "http://evil.example" }',
  "</w:t><w:fldSimple w:instr=\"HYPERLINK http://evil.example\"/><w:t>",
  "../../../../etc/passwd",
  "%00%ff%fe",
  "\u202e\u0645\u0631\u062d\u0628\u0627",
] as const;

const ODD_SCALARS = [
  "",
  " ",
  "\u3000",
  "0",
  "-1",
  "1e309",
  "NaN",
  "Infinity",
  "null",
  "undefined",
  "true",
  "[]",
  "{}",
  "[object Object]",
  "__proto__",
  "constructor",
  "99999999999999999999",
  "0000000001",
  "1.5",
  "0x10",
  "on",
  "none",
  "2147483648",
  "-2147483649",
  "00000000-0000-0000-0000-000000000000",
];

/** Characters as raw as a form can carry them: C0/C1 controls, NUL, separators. */
const controlChar = fc.oneof(fc.integer({ min: 0, max: 31 }), fc.integer({ min: 0x7f, max: 0x9f }), fc.constantFrom(0x2028, 0x2029, 0xfeff, 0xfffe)).map((c) => String.fromCharCode(c));

/** A long string up to ~200 KB of UTF-8. */
const huge = fc
  .tuple(fc.integer({ min: 2_000, max: 200_000 }), fc.constantFrom("a", "案", "<", "𠮷", "\n", "**", "一是", "&amp;", "\u0000"))
  .map(([bytes, unit]) => unit.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(unit)))));

/** JSON nested thousands of levels deep, as a string. */
const deepJson = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.constantFrom("array", "object"))
  .map(([depth, kind]) => (kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth)));

/** A value for one field: mostly small and odd, sometimes huge or deep. */
export function nastyValue(extra: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 80 }) },
    { weight: 3, arbitrary: fc.constantFrom(...SCRIPT_PAYLOADS) },
    { weight: 4, arbitrary: fc.constantFrom(...ODD_SCALARS) },
    { weight: 2, arbitrary: fc.string({ unit: controlChar, minLength: 1, maxLength: 20 }) },
    { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), controlChar, fc.string({ maxLength: 10 })).map(([a, c, b]) => a + c + b) },
    // a NUL byte: PostgreSQL refuses it in text, so it must never reach a query
    { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })).map(([a, b]) => `${a}\u0000${b}`) },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: deepJson },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.double().map(String) },
    { weight: 1, arbitrary: fc.uuid() },
    ...(extra.length ? [{ weight: 6, arbitrary: fc.constantFrom(...extra) }] : []),
  );
}

/** A field name: a known one, a path-like variant of it, or anything. */
export function fieldName(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...known) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...known), fc.constantFrom(".0", ".99", ".100", ".-1", ".x", "..", ".__proto__", ".constructor.prototype", "[]", ".0.0.0.0.0.0.0.0.0.0.0"))
        .map(([a, b]) => a + b),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "", ".", "a".repeat(5000)) },
  );
}

export type FilePart = { file: Uint8Array; filename: string; type: string };
export type Part = [string, string | FilePart];
export type Encoding = "urlencoded" | "multipart" | "raw-urlencoded" | "raw-multipart" | "json" | "text" | "none" | "bad-multipart";
export type FuzzBody = { parts: Part[]; encoding: Encoding; junk: Uint8Array };

const filePart: fc.Arbitrary<FilePart> = fc.record({
  file: fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.constant(new TextEncoder().encode("# 第一批\n\n<script>alert(1)</script>"))),
  filename: fc.oneof(fc.constantFrom("a.md", "../../x.md", "公报.md", "a.exe", ""), fc.string({ maxLength: 20 })),
  type: fc.constantFrom("text/markdown", "application/octet-stream", "text/html", ""),
});

/** Bytes that are not UTF-8: lone continuation bytes, overlong forms, surrogates, 0xFF. */
export const invalidUtf8 = fc.oneof(
  fc.constantFrom(
    Uint8Array.of(0xff),
    Uint8Array.of(0xfe, 0xff),
    Uint8Array.of(0x80, 0x80),
    Uint8Array.of(0xc0, 0xaf),
    Uint8Array.of(0xe0, 0x80, 0xaf),
    Uint8Array.of(0xed, 0xa0, 0x80),
    Uint8Array.of(0xf8, 0x88, 0x80, 0x80, 0x80),
    Uint8Array.of(0xe6, 0xa1),
    Uint8Array.of(0x00),
  ),
  fc.uint8Array({ minLength: 1, maxLength: 30 }),
);

/**
 * A body: every field of `fields` maybe present (often with its intended value from `values`),
 * extra fields, repeated fields, files; in one of several encodings.
 */
export function fuzzBody(options: { fields: readonly string[]; values?: Record<string, fc.Arbitrary<string>>; fixed?: Record<string, fc.Arbitrary<string>> }) {
  const { fields, values = {}, fixed = {} } = options;
  const value = (name: string) => (values[name] ? fc.oneof({ weight: 3, arbitrary: values[name]! }, { weight: 2, arbitrary: nastyValue() }) : nastyValue());
  const present = fc.array(
    fc.constantFrom(...(fields.length ? fields : ["x"])).chain((name) => fc.array(value(name), { minLength: 1, maxLength: 3 }).map((vs) => vs.map((v): Part => [name, v]))),
    { maxLength: Math.max(4, fields.length * 2) },
  );
  const extras = fc.array(fc.tuple(fieldName(fields.length ? fields : ["x"]), fc.oneof({ weight: 5, arbitrary: nastyValue() }, { weight: 1, arbitrary: filePart })), { maxLength: 4 });
  const fixedParts = fc.record(Object.fromEntries(Object.entries(fixed).map(([k, a]) => [k, a])) as Record<string, fc.Arbitrary<string>>);
  return fc
    .record({
      fixed: fixedParts,
      present,
      extras,
      encoding: fc.constantFrom<Encoding>(
        "urlencoded",
        "urlencoded",
        "urlencoded",
        "multipart",
        "multipart",
        "raw-urlencoded",
        "raw-multipart",
        "json",
        "text",
        "none",
        "bad-multipart",
      ),
      junk: invalidUtf8,
    })
    .map(({ fixed, present, extras, encoding, junk }): FuzzBody => ({
      parts: [...Object.entries(fixed).map(([k, v]): Part => [k, v]), ...present.flat(), ...(extras as Part[])],
      encoding,
      junk,
    }));
}

const encoder = new TextEncoder();
const concat = (chunks: Uint8Array[]) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
};

/** The Request a browser (or an attacker) would send for `body`. */
export function fuzzRequest(pathname: string, body: FuzzBody): Request {
  const url = `${BASE}${pathname}`;
  const headers: Record<string, string> = { Origin: BASE };
  const text = (v: Part[1]) => (typeof v === "string" ? v : v.filename);
  let payload: BodyInit | undefined;
  switch (body.encoding) {
    case "urlencoded": {
      const params = new URLSearchParams();
      for (const [k, v] of body.parts) params.append(k, text(v));
      payload = params;
      break;
    }
    case "multipart": {
      const form = new FormData();
      for (const [k, v] of body.parts) {
        if (typeof v === "string") form.append(k, v);
        else form.append(k, new Blob([v.file as BlobPart], { type: v.type }), v.filename);
      }
      payload = form;
      break;
    }
    case "raw-urlencoded": {
      // name=value pairs with raw bytes that are not UTF-8 spliced into the values
      const chunks: Uint8Array[] = [];
      body.parts.forEach(([k, v], i) => {
        if (i) chunks.push(encoder.encode("&"));
        chunks.push(encoder.encode(`${encodeURIComponent(k)}=${encodeURIComponent(text(v)).slice(0, 4000)}`));
        chunks.push(body.junk, encoder.encode("%FF%C0%80"));
      });
      if (!body.parts.length) chunks.push(body.junk);
      payload = concat(chunks) as unknown as BodyInit;
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      break;
    }
    case "raw-multipart": {
      const boundary = "----fuzzboundary7MA4YWxkTrZu0gW";
      const chunks: Uint8Array[] = [];
      for (const [k, v] of body.parts) {
        chunks.push(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/["\r\n]/g, "")}"\r\n\r\n`));
        chunks.push(encoder.encode(text(v).slice(0, 4000)), body.junk, encoder.encode("\r\n"));
      }
      chunks.push(encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\n`), body.junk, encoder.encode(`\r\n--${boundary}--\r\n`));
      payload = concat(chunks) as unknown as BodyInit;
      headers["Content-Type"] = `multipart/form-data; boundary=${boundary}`;
      break;
    }
    case "json":
      payload = JSON.stringify(Object.fromEntries(body.parts.map(([k, v]) => [k, text(v)])));
      headers["Content-Type"] = "application/json";
      break;
    case "text":
      payload = body.parts.map(([k, v]) => `${k}=${text(v)}`).join("\n");
      headers["Content-Type"] = "text/plain";
      break;
    case "bad-multipart":
      payload = concat([encoder.encode("--nope\r\nContent-Disposition: form-data; name=\"intent\"\r\n\r\n"), body.junk]) as unknown as BodyInit;
      headers["Content-Type"] = "multipart/form-data; boundary=somethingelse";
      break;
    case "none":
      break;
  }
  return new Request(url, { method: "POST", body: payload, headers });
}
