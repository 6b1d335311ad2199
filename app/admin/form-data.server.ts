import type { Role } from "~/permissions/permissions";
import { listField, textField } from "~/ui/forms";

/** Turns the user form's post into the shape the zod schemas check. */
export function userFormValues(formData: FormData) {
  return {
    username: textField(formData, "username"),
    displayName: textField(formData, "displayName"),
    password: textField(formData, "password"),
    roles: listField(formData, "roles") as Role[],
    regions: listField(formData, "regions"),
    active: formData.get("active") === "on",
  };
}
