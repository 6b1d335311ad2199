/**
 * "国家服务业扩大开放综合试点示范建设 第四批最佳实践案例" → the programme line and the batch line
 * ("第四批最佳实践案例"), as the bulletin's cover sets them, with or without a space between them;
 * a title without "第…批" stays one line.
 */
export function titleLines(title: string): string[] {
  const t = title.trim();
  const m = /^(.*?\S)[\s\u3000]*(第[一二三四五六七八九十百零〇\d]+批.*)$/.exec(t);
  return m ? [m[1], m[2]] : [t];
}
