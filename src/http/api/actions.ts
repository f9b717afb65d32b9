import { ApiPageDefinition, BoundActionDef, own, ParameterDef } from '../../../pages/api/ApiPage';
import type { TableRecord } from '../../runtime/Record';
import type { Session } from '../../runtime/Session';
import { HttpErrors } from '../HttpErrors';
import type { ApiReply } from './apiCall';

/** Bound actions (`POST …/entity(id)/Microsoft.NAV.<name>`): their parameters and their answer. */

/** BC's bound actions return nothing (no ReturnType in $metadata): 204 No Content, whatever they changed. */
export async function runAction(
  session: Session,
  page: ApiPageDefinition<any>,
  rec: TableRecord,
  def: BoundActionDef<any>,
  params: Record<string, unknown>,
): Promise<ApiReply> {
  await def.run({ session, rec, page }, params);
  return { status: 204 };
}

const EDM_OF: Record<ParameterDef['type'], string> = {
  string: 'Edm.String',
  boolean: 'Edm.Boolean',
  number: 'Edm.Decimal',
  object: 'Edm.ComplexType',
};

/** An action's JSON body: known parameters of the right JSON type, required ones present. */
export function parseActionParameters(action: string, def: BoundActionDef<any>, body: unknown): Record<string, unknown> {
  if (body === undefined) body = {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw HttpErrors.invalidRequestBody();
  const given = body as Record<string, unknown>;
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given)) {
    if (key.includes('@')) continue;
    const spec = own(def.parameters, key);
    if (!spec) throw HttpErrors.unknownParameter(key, action);
    if (value === null) continue;
    if (spec.type === 'object') {
      if (typeof value !== 'object' || Array.isArray(value)) throw HttpErrors.invalidRequestBody();
      for (const member of Object.keys(value as object)) {
        if (spec.members && !spec.members.includes(member)) throw HttpErrors.unknownParameter(`${key}/${member}`, action);
      }
    } else if (typeof value !== spec.type) {
      throw HttpErrors.cannotConvertPrimitive(EDM_OF[spec.type]);
    }
    params[key] = value;
  }
  for (const [key, spec] of Object.entries(def.parameters)) {
    if (spec.required && params[key] === undefined) throw HttpErrors.missingParameter(key, action);
  }
  return params;
}
