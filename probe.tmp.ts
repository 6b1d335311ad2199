import { readFileSync } from "node:fs";
import { parseBulletin } from "./app/import/parse";
import { styleFindings } from "./app/aids/style";
import { caseFigures } from "./app/aids/figures";
const r = parseBulletin(readFileSync("db/seed/third-batch.md","utf8"));
if (!r.ok) throw 1;
const cs = r.bulletin.categories.flatMap(c=>c.cases);
cs.forEach((c,i)=>{
  for (const f of styleFindings(c.content as any)) console.log(i+1, f.rule, f.path, f.excerpt);
});
cs.forEach((c,i)=>{ const fs = caseFigures(c.content as any, new Date("2025-01-15")); const eff = fs.filter(f=>f.path.startsWith("effects"));
  console.log("FIG", i+1, c.content.effects.items.map((_,k)=>eff.filter(f=>f.path.startsWith(`effects.items.${k}.`)).length).join(","));
  if (process.env.V) for (const f of eff) console.log("  ", f.value+f.unit, "|", f.subject, "|", f.asOf, "|", f.flags.join(";"));
});
