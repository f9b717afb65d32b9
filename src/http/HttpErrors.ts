import { BcError, BadRequestError, NotSupportedError } from '../runtime/BcError';

/**
 * The OData/HTTP-level texts of BC's web-service stack, verbatim where known
 * (shared/reference/bc-api.md §1.5, §1.6), in one place so a corrected wording
 * is a one-line change. Texts marked "simulator" are not BC's (unknown), see
 * docs/api.md.
 */
export const ODataText = {
  resourceNotFound: (segment: string) => `Resource not found for the segment '${segment}'.`,
  invalidRequestBody: 'Invalid Request Body',
  invalidToken:
    'Could not validate the client concurrency token required by the service. Please provide a valid token in the client request.',
  entityChanged: 'Another user has already changed the record.',
  unknownProperty: (property: string, entityName: string) =>
    `The property '${property}' does not exist on type 'Microsoft.NAV.${entityName}'. Make sure to only use property names that are defined by the type.`,
  readOnlyControl: (caption: string) => `Control '${caption}' is read-only.`,
  methodNotAllowed: (method: string, segment: string, edmType: 'EntitySet' | 'Entity' | 'Action' | 'ServiceDocument') =>
    `'${method}' requests for '${segment}' of EdmType '${edmType}' are not allowed within Dynamics 365 Business Central OData web services.`,
  noBoundActions: 'Entity does not support bound actions',
  invalidCredentials: 'The server has rejected the client credentials.',
  nullField: (name: string) => `Field '${name}' must not be blank or empty.`,
  cannotConvertPrimitive: (edmType: string) =>
    `Cannot convert a primitive value to the expected type '${edmType}'. See the inner exception for more details.`,
  cannotConvertLiteral: (literal: string, edmType: string) => `Cannot convert the literal '${literal}' to the expected type '${edmType}'.`,
  querySyntax: 'Bad Request - Error in query syntax.',
  invalidTopSkip: (value: string, option: '$top' | '$skip') =>
    `Invalid value '${value}' for ${option} query option found. The ${option} query option requires a non-negative integer value.`,
  /** simulator */
  unknownParameter: (parameter: string, action: string) =>
    `The parameter '${parameter}' in the request payload is not a valid parameter for the operation '${action}'.`,
  /** simulator */
  missingParameter: (parameter: string, action: string) => `The parameter '${parameter}' of the operation '${action}' must have a value.`,
  /** simulator */
  requestTooLarge: (limit: string) => `The request body is larger than the maximum allowed size (${limit}).`,
  /** simulator */
  badHeader: (header: string, reason: string) => `The ${header} header is not valid: ${reason}`,
};

/** A body above the configured limit (BC: HTTP 413, "Max body size"). */
export class RequestTooLargeError extends BcError {
  readonly code = 'Request_EntityTooLarge';
}

export const HttpErrors = {
  resourceNotFound: (segment: string) => new BadRequestError('BadRequest_ResourceNotFound', ODataText.resourceNotFound(segment)),
  invalidRequestBody: () => new BadRequestError('BadRequest', ODataText.invalidRequestBody),
  invalidToken: () => new BadRequestError('BadRequest_InvalidToken', ODataText.invalidToken),
  unknownProperty: (property: string, entityName: string) =>
    new BadRequestError('BadRequest', ODataText.unknownProperty(property, entityName)),
  readOnly: (caption: string) => new BadRequestError('BadRequest_InvalidOperation', ODataText.readOnlyControl(caption)),
  methodNotAllowed: (method: string, segment: string, edmType: Parameters<typeof ODataText.methodNotAllowed>[2]) =>
    new BadRequestError('BadRequest_MethodNotAllowed', ODataText.methodNotAllowed(method, segment, edmType)),
  noBoundActions: () => new BadRequestError('BadRequest_MethodNotImplemented', ODataText.noBoundActions),
  nullField: (name: string) => new BadRequestError('BadRequest_RequiredParamNotProvided', ODataText.nullField(name)),
  cannotConvertPrimitive: (edmType: string) => new BadRequestError('BadRequest', ODataText.cannotConvertPrimitive(edmType)),
  cannotConvertLiteral: (literal: string, edmType: string) =>
    new BadRequestError('BadRequest', ODataText.cannotConvertLiteral(literal, edmType)),
  querySyntax: () => new BadRequestError('BadRequest', ODataText.querySyntax),
  invalidTopSkip: (value: string, option: '$top' | '$skip') => new BadRequestError('BadRequest', ODataText.invalidTopSkip(value, option)),
  unknownParameter: (parameter: string, action: string) =>
    new BadRequestError('BadRequest', ODataText.unknownParameter(parameter, action)),
  missingParameter: (parameter: string, action: string) =>
    new BadRequestError('BadRequest_RequiredParamNotProvided', ODataText.missingParameter(parameter, action)),
  badHeader: (header: string, reason: string) => new BadRequestError('BadRequest', ODataText.badHeader(header, reason)),
  requestTooLarge: (limit: string) => new RequestTooLargeError(ODataText.requestTooLarge(limit)),
  notSupported: (what: string) => new NotSupportedError(what),
};
