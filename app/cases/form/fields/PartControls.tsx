/**
 * 上移 / 下移 / 删除 of one part of the form (a paragraph, an item, a point), labelled by what they
 * move ("上移本段", "删除本条做法") and named for screen readers with the place in the case.
 * Submit buttons without JavaScript (the server re-renders the form), handlers with it.
 */
import { formStrings as t } from "~/cases/form-strings";
import { partId } from "../paths";
import { OpButton, useEditor } from "./text";
import { uiStrings } from "~/ui/strings";

export function PartControls(props: {
  listPath: string;
  index: number;
  count: number;
  /** Where in the case the part is ("主要做法（二）第 1 段"), for the accessible names. */
  what: string;
  /** What the controls move, for their visible text (t.parts). */
  part: string;
  /** "item": the controls of a whole item, set apart from those of its paragraphs. */
  level?: "item" | "part";
  min: number;
  move: (from: number, to: number) => void;
  remove: (index: number) => void;
}) {
  const { listPath, index, count, what, part } = props;
  const up = t.moveUp(part);
  const down = t.moveDown(part);
  const del = t.remove(part);
  const { changed, focusLater } = useEditor();
  const path = `${listPath}.${index}`;
  const buttonId = (i: number, dir: "up" | "down") => `${partId(`${listPath}.${i}`)}-${dir}`;
  const move = (dir: "up" | "down") => {
    const to = dir === "up" ? index - 1 : index + 1;
    props.move(index, to);
    changed();
    // keep the keyboard where it was: on the moved part's button (the other one at the ends)
    const edge = dir === "up" ? to === 0 : to === count - 1;
    focusLater(buttonId(to, edge ? (dir === "up" ? "down" : "up") : dir));
  };
  return (
    <div className={`case-form__controls case-form__controls--${props.level ?? "part"}`} role="group" aria-label={uiStrings.partActions(what)}>
      <OpButton op={{ verb: "up", path }} onAct={() => move("up")} label={t.controlLabel(up, what)} id={buttonId(index, "up")} disabled={index === 0}>
        <span aria-hidden="true">↑ </span>
        {up}
      </OpButton>
      <OpButton op={{ verb: "down", path }} onAct={() => move("down")} label={t.controlLabel(down, what)} id={buttonId(index, "down")} disabled={index === count - 1}>
        <span aria-hidden="true">↓ </span>
        {down}
      </OpButton>
      {count > props.min ? (
        <OpButton
          op={{ verb: "remove", path }}
          onAct={() => {
            props.remove(index);
            changed();
            // on the first field of the part before (or, for the first, the one now first)
            focusLater(count > 1 ? partId(`${listPath}.${Math.max(0, index - 1)}`) : `${partId(listPath)}-add`);
          }}
          label={t.controlLabel(del, what)}
          className="button small danger"
        >
          {del}
        </OpButton>
      ) : null}
    </div>
  );
}

