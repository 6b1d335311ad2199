import { data } from "@remix-run/node";
import { batchErrors } from "./strings";

/** The batch number of a URL ("4" in /batches/4); anything else is a 404. */
export function batchNumberParam(raw: string | undefined): number {
  if (!raw || !/^[1-9]\d{0,3}$/.test(raw)) throw data({ message: batchErrors.notFound }, { status: 404 });
  return Number(raw);
}
