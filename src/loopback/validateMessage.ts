import { ButtonStyle, ComponentType, MessageFlags } from 'discord-api-types/v10';
import type { FormIssue } from './apiError.ts';

type Path = readonly (string | number)[];
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function tooLong(path: Path, max: number): FormIssue {
  return { path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` };
}

function checkString(issues: FormIssue[], value: unknown, path: Path, max: number, required = false): number {
  if (value === undefined || value === null) {
    if (required) issues.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return 0;
  }
  if (typeof value !== 'string') {
    issues.push({ path, code: 'STRING_TYPE_CONVERT', message: 'Could not interpret value as string.' });
    return 0;
  }
  if (required && value.length === 0) {
    issues.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  }
  if (value.length > max) issues.push(tooLong(path, max));
  return value.length;
}

/** Embed limits; returns the characters counted toward the 6000 total. */
function checkEmbed(issues: FormIssue[], embed: unknown, path: Path): number {
  if (!isObject(embed)) {
    issues.push({
      path,
      code: 'MODEL_TYPE_CONVERT',
      message: 'Only dictionaries may be used in a ModelType',
    });
    return 0;
  }
  let total = 0;
  total += checkString(issues, embed.title, [...path, 'title'], 256);
  total += checkString(issues, embed.description, [...path, 'description'], 4096);
  if (isObject(embed.footer))
    total += checkString(issues, embed.footer.text, [...path, 'footer', 'text'], 2048, true);
  if (isObject(embed.author))
    total += checkString(issues, embed.author.name, [...path, 'author', 'name'], 256, true);
  if (embed.fields !== undefined) {
    if (!Array.isArray(embed.fields)) {
      issues.push({ path: [...path, 'fields'], code: 'LIST_TYPE_CONVERT', message: 'Must be an array.' });
    } else {
      if (embed.fields.length > 25) issues.push(tooLong([...path, 'fields'], 25));
      embed.fields.forEach((field: unknown, i) => {
        const at = [...path, 'fields', i];
        if (!isObject(field)) return;
        total += checkString(issues, field.name, [...at, 'name'], 256, true);
        total += checkString(issues, field.value, [...at, 'value'], 1024, true);
      });
    }
  }
  return total;
}

function checkButton(issues: FormIssue[], button: Json, path: Path, customIds: Set<string>): void {
  checkString(issues, button.label, [...path, 'label'], 80);
  if (button.style === ButtonStyle.Link) {
    checkString(issues, button.url, [...path, 'url'], 512, true);
    if (button.custom_id !== undefined) {
      issues.push({
        path: [...path, 'custom_id'],
        code: 'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
        message: 'A custom id cannot be specified for link buttons',
      });
    }
    return;
  }
  if (button.style === ButtonStyle.Premium) return;
  checkString(issues, button.custom_id, [...path, 'custom_id'], 100, true);
  if (button.label === undefined && button.emoji === undefined) {
    issues.push({
      path: [...path, 'label'],
      code: 'BUTTON_COMPONENT_INVALID_LABEL',
      message: 'A label or emoji is required',
    });
  }
  noteCustomId(issues, button.custom_id, path, customIds);
}

function noteCustomId(issues: FormIssue[], customId: unknown, path: Path, customIds: Set<string>): void {
  if (typeof customId !== 'string') return;
  if (customIds.has(customId)) {
    issues.push({
      path: [...path, 'custom_id'],
      code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
      message: 'Component custom id cannot be duplicated',
    });
  }
  customIds.add(customId);
}

function checkSelect(issues: FormIssue[], select: Json, path: Path, customIds: Set<string>): void {
  checkString(issues, select.custom_id, [...path, 'custom_id'], 100, true);
  checkString(issues, select.placeholder, [...path, 'placeholder'], 150);
  noteCustomId(issues, select.custom_id, path, customIds);
  if (select.type === ComponentType.StringSelect) {
    const options = Array.isArray(select.options) ? select.options : [];
    if (options.length === 0 || options.length > 25) {
      issues.push({
        path: [...path, 'options'],
        code: 'BASE_TYPE_BAD_LENGTH',
        message: 'Must be between 1 and 25 in length.',
      });
    }
    options.forEach((option: unknown, i) => {
      if (!isObject(option)) return;
      checkString(issues, option.label, [...path, 'options', i, 'label'], 100, true);
      checkString(issues, option.value, [...path, 'options', i, 'value'], 100, true);
      checkString(issues, option.description, [...path, 'options', i, 'description'], 100);
    });
  }
}

const selectTypes = new Set<unknown>([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);

function checkComponents(issues: FormIssue[], components: unknown, path: Path, flags: number): void {
  if (!Array.isArray(components)) {
    issues.push({ path, code: 'LIST_TYPE_CONVERT', message: 'Must be an array.' });
    return;
  }
  // Components v2 layouts are accepted but only their interactive parts are checked.
  if ((flags & MessageFlags.IsComponentsV2) !== 0) return;
  if (components.length > 5) issues.push(tooLong(path, 5));
  const customIds = new Set<string>();
  components.forEach((row: unknown, r) => {
    const rowPath = [...path, r];
    if (!isObject(row) || row.type !== ComponentType.ActionRow) {
      issues.push({
        path: [...rowPath, 'type'],
        code: 'UNION_TYPE_CHOICES',
        message: 'Value of field "type" must be one of (1,).',
      });
      return;
    }
    const children = Array.isArray(row.components) ? row.components : [];
    if (children.length === 0) {
      issues.push({
        path: [...rowPath, 'components'],
        code: 'BASE_TYPE_BAD_LENGTH',
        message: 'Must be between 1 and 5 in length.',
      });
    }
    if (children.length > 5) issues.push(tooLong([...rowPath, 'components'], 5));
    const hasSelect = children.some((c: unknown) => isObject(c) && selectTypes.has(c.type));
    if (hasSelect && children.length > 1) {
      issues.push({
        path: [...rowPath, 'components'],
        code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        message: 'The specified component exceeds the maximum width',
      });
    }
    children.forEach((child: unknown, c) => {
      const childPath = [...rowPath, 'components', c];
      if (!isObject(child)) return;
      if (child.type === ComponentType.Button) checkButton(issues, child, childPath, customIds);
      else if (selectTypes.has(child.type)) checkSelect(issues, child, childPath, customIds);
      else {
        issues.push({
          path: [...childPath, 'type'],
          code: 'COMPONENT_TYPE_INVALID',
          message: 'Invalid component type for a message action row',
        });
      }
    });
  });
}

/**
 * Discord's message limits: content 2000, 10 embeds of at most 6000 characters in total, 5 rows of 5 buttons.
 * `at` is where the message sits in the body, e.g. `['data']` for interaction callbacks.
 */
export function validateMessage(body: Json, at: Path = []): FormIssue[] {
  const issues: FormIssue[] = [];
  checkString(issues, body.content, [...at, 'content'], 2000);
  const flags = typeof body.flags === 'number' ? body.flags : 0;
  if (body.embeds !== undefined && body.embeds !== null) {
    if (!Array.isArray(body.embeds)) {
      issues.push({ path: [...at, 'embeds'], code: 'LIST_TYPE_CONVERT', message: 'Must be an array.' });
    } else {
      if (body.embeds.length > 10) issues.push(tooLong([...at, 'embeds'], 10));
      let total = 0;
      body.embeds.forEach((embed: unknown, i) => {
        total += checkEmbed(issues, embed, [...at, 'embeds', i]);
      });
      if (total > 6000) {
        issues.push({
          path: [...at, 'embeds'],
          code: 'MAX_EMBED_SIZE_EXCEEDED',
          message: 'Embed size exceeds maximum size of 6000',
        });
      }
    }
  }
  if (body.components !== undefined && body.components !== null) {
    checkComponents(issues, body.components, [...at, 'components'], flags);
  }
  return issues;
}

/** Discord's 50006: a new message with nothing to show. */
export function isEmptyMessage(body: Json): boolean {
  const has = (value: unknown) => Array.isArray(value) && value.length > 0;
  const content = typeof body.content === 'string' ? body.content : '';
  return (
    content.length === 0 &&
    !has(body.embeds) &&
    !has(body.components) &&
    !has(body.sticker_ids) &&
    !has(body.attachments) &&
    !isObject(body.poll)
  );
}
