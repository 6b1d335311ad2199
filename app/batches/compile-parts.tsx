/** Small pieces of the batch page: the hidden fields of its forms and the move buttons. */
import { Form } from "@remix-run/react";
import { batchStrings as t } from "./strings";

export function Hidden({ intent, token, fields = {} }: { intent: string; token: string; fields?: Record<string, string> }) {
  return (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="token" value={token} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
    </>
  );
}

export function MoveButtons(props: {
  token: string;
  intent: string;
  fields: Record<string, string>;
  first: boolean;
  last: boolean;
  upLabel: string;
  downLabel: string;
  busy: boolean;
  onMove: (key: string, direction: string) => void;
}) {
  const key = `${props.intent}:${Object.values(props.fields).join(":")}`;
  const button = (dir: "up" | "down") => (
    <Form
      method="post"
      className="inline-form"
      onSubmit={(event) => {
        // One move at a time; the buttons stay enabled so they keep keyboard focus.
        if (props.busy) event.preventDefault();
        else props.onMove(key, dir);
      }}
    >
      <Hidden intent={props.intent} token={props.token} fields={{ ...props.fields, direction: dir }} />
      <button
        type="submit"
        className="button small"
        aria-label={dir === "up" ? props.upLabel : props.downLabel}
        title={dir === "up" ? props.upLabel : props.downLabel}
        disabled={dir === "up" ? props.first : props.last}
        data-move-key={key}
        data-direction={dir}
      >
        {dir === "up" ? `↑ ${t.moveUp}` : `↓ ${t.moveDown}`}
      </button>
    </Form>
  );
  return (
    <span className="move-buttons">
      {button("up")}
      {button("down")}
    </span>
  );
}
