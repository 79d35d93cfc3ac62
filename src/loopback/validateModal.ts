import { ComponentType } from 'discord-api-types/v10';
import type { FormIssue } from './apiError.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function maxLength(
  issues: FormIssue[],
  value: unknown,
  path: (string | number)[],
  max: number,
  required: boolean,
) {
  if (typeof value !== 'string' || value.length === 0) {
    if (required) issues.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return;
  }
  if (value.length > max)
    issues.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
}

function checkTextInput(issues: FormIssue[], input: Json, path: (string | number)[], labelled: boolean) {
  maxLength(issues, input.custom_id, [...path, 'custom_id'], 100, true);
  // Inside a label component the label lives on the wrapper.
  if (!labelled) maxLength(issues, input.label, [...path, 'label'], 45, true);
  maxLength(issues, input.placeholder, [...path, 'placeholder'], 100, false);
  maxLength(issues, input.value, [...path, 'value'], 4000, false);
  for (const key of ['min_length', 'max_length'] as const) {
    const n = input[key];
    if (n !== undefined && (typeof n !== 'number' || n < 0 || n > 4000)) {
      issues.push({
        path: [...path, key],
        code: 'NUMBER_TYPE_MAX',
        message: 'int value should be less than or equal to 4000.',
      });
    }
  }
}

/** A modal (callback type 9): title 45, custom_id 100, one to five text inputs or labels. */
export function validateModal(data: unknown): FormIssue[] {
  const issues: FormIssue[] = [];
  if (!isObject(data))
    return [{ path: ['data'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
  maxLength(issues, data.title, ['data', 'title'], 45, true);
  maxLength(issues, data.custom_id, ['data', 'custom_id'], 100, true);
  const components = Array.isArray(data.components) ? data.components : [];
  if (components.length < 1 || components.length > 5) {
    issues.push({
      path: ['data', 'components'],
      code: 'BASE_TYPE_BAD_LENGTH',
      message: 'Must be between 1 and 5 in length.',
    });
  }
  components.forEach((component: unknown, i) => {
    const path = ['data', 'components', i];
    if (!isObject(component)) return;
    if (component.type === ComponentType.ActionRow) {
      const inner = Array.isArray(component.components) ? component.components : [];
      const input = inner[0];
      if (inner.length !== 1 || !isObject(input) || input.type !== ComponentType.TextInput) {
        issues.push({
          path: [...path, 'components'],
          code: 'COMPONENT_TYPE_INVALID',
          message: 'A modal action row holds exactly one text input',
        });
        return;
      }
      checkTextInput(issues, input, [...path, 'components', 0], false);
    } else if (component.type === ComponentType.Label) {
      maxLength(issues, component.label, [...path, 'label'], 45, true);
      const inner = component.component;
      if (isObject(inner) && inner.type === ComponentType.TextInput)
        checkTextInput(issues, inner, [...path, 'component'], true);
      else if (!isObject(inner))
        issues.push({
          path: [...path, 'component'],
          code: 'BASE_TYPE_REQUIRED',
          message: 'This field is required',
        });
    } else if (component.type !== ComponentType.TextDisplay) {
      issues.push({
        path: [...path, 'type'],
        code: 'COMPONENT_TYPE_INVALID',
        message: 'Invalid component type for a modal',
      });
    }
  });
  return issues;
}

/** Autocomplete results (callback type 8): at most 25 choices, names 1..100, string values up to 100. */
export function validateChoices(data: unknown): FormIssue[] {
  const issues: FormIssue[] = [];
  const choices = isObject(data) && Array.isArray(data.choices) ? data.choices : null;
  if (!choices)
    return [{ path: ['data', 'choices'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
  if (choices.length > 25) {
    issues.push({
      path: ['data', 'choices'],
      code: 'BASE_TYPE_MAX_LENGTH',
      message: 'Must be 25 or fewer in length.',
    });
  }
  choices.forEach((choice: unknown, i) => {
    if (!isObject(choice)) return;
    maxLength(issues, choice.name, ['data', 'choices', i, 'name'], 100, true);
    if (typeof choice.value === 'string')
      maxLength(issues, choice.value, ['data', 'choices', i, 'value'], 100, false);
  });
  return issues;
}
