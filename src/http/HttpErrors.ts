import { AuthorizationError, BcError, BadRequestError, NotSupportedError } from '../runtime/BcError';
import { defineLabels } from '../runtime/Labels';

/** A permission refusal a page session shows too (opening a company): labels, so a Dutch user reads it in Dutch. */
export const PermissionLabels = defineLabels('Permissions', {
  PermissionsPreventedErr: { text: 'Sorry, the current permissions prevented the action. (%1)', comment: '%1 = what was refused (the simulator\'s)' },
  NoCompanyAccessTxt: {
    text: "Company '%1': the user has no permission set in it",
    nl: "Bedrijf '%1': de gebruiker heeft daarin geen machtigingenset",
    comment: '%1 = company name',
    simulatorAuthored: true,
  },
});

/**
 * The OData/HTTP-level texts of BC's web-service stack, verbatim where known
 * (shared/reference/bc-api.md §1.5, §1.6), in one place so a corrected wording
 * is a one-line change. Texts marked "simulator" are not BC's (unknown), see
 * docs/api.md.
 */
export const ODataText = {
  resourceNotFound: (segment: string) => `Resource not found for the segment '${segment}'.`,
  /** ASP.NET Web API's text, as BC answers a URL no API route serves (microsoft/AL#8283, dynamics365smb-devitpro-pb#1968). */
  noHttpResource: (uri: string) => `No HTTP resource was found that matches the request URI '${uri}'.`,
  /** NavCompanyNotFoundException's text (dynamics-error-codes.md). */
  companyNotFound:
    'Cannot process the request because the default company cannot be found. You can specify a default company in the service configuration file, or specify one for each tenant, or you can add a query string in the form of "company=[name]". You can see the available companies by accessing the default OData web service, Company. For more information, see "OData Web Services" in Help.',
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
  // ---- query options: Microsoft.OData.Core's texts (BC parses URLs with it) ----
  syntaxErrorAt: (pos: number, text: string) => `Syntax error at position ${pos} in '${text}'.`,
  invalidCharacter: (ch: string, pos: number, text: string) =>
    `Syntax error: character '${ch}' is not valid at position ${pos} in '${text}'.`,
  unterminatedString: (pos: number, text: string) => `There is an unterminated string literal at position ${pos} in '${text}'.`,
  expressionExpected: (pos: number, text: string) => `Expression expected at position ${pos} in '${text}'.`,
  closeParenOrCommaExpected: (pos: number, text: string) => `')' or ',' expected at position ${pos} in '${text}'.`,
  closeParenOrOperatorExpected: (pos: number, text: string) => `')' or operator expected at position ${pos} in '${text}'.`,
  recursionTooDeep: 'Recursion depth exceeded allowed limit.',
  propertyNotDeclared: (property: string, type: string) => `Could not find a property named '${property}' on type '${type}'.`,
  incompatibleOperands: (left: string, right: string, operatorKind: string) =>
    `A binary operator with incompatible types was detected. Found operand types '${left}' and '${right}' for operator kind '${operatorKind}'.`,
  unknownFunction: (name: string) =>
    `An unknown function with name '${name}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
  noApplicableFunction: (name: string, signatures: string) =>
    `No function signature for the function with name '${name}' matches the specified arguments. The function signatures considered are: ${signatures}.`,
  notValidEnumConstant: (value: string) => `The string '${value}' is not a valid enumeration type constant.`,
  invalidCount: (value: string) => `'${value}' is not a valid count option.`,
  queryOptionTwice: (name: string) => `Query option '${name}' was specified more than once, but it must be specified at most once.`,
  notNavigationProperty: (property: string, type: string) =>
    `Property '${property}' on type '${type}' is not a navigation property or complex property. Only navigation properties can be expanded.`,
  filterNotBoolean: 'The $filter expression must evaluate to a single boolean value.',
  /** BC's own (odata-known-limitations.md). */
  orDistinctFields: "The 'OR' operator is not supported on distinct fields on an OData filter.",
  /** simulator: BC raises *an* error for filters with no AL equivalent; its text is not documented. */
  unsupportedFilter: (what: string) => `The filter expression '${what}' is not supported by Business Central OData web services.`,
  /** simulator: BC answers `in` below schema version 2.1 with 501 BadRequest_MethodNotImplemented; its text is not published. */
  inOperator: "The 'in' operator in $filter requires $schemaversion=2.1 or later.",
  /** simulator */
  nestedFunctions: (name: string) =>
    `Nested function calls in a filter ('${name}(…(…))') require $schemaversion=2.1 or later.`,
  /** simulator */
  unsupportedOrderBy: (what: string) => `The $orderby expression '${what}' is not supported: order by a property of the entity.`,
  /** simulator */
  notSortableOrFilterable: (property: string, option: string) =>
    `The property '${property}' cannot be used in ${option}: it is computed by the page, not a field of the table.`,
  /** simulator */
  invalidSelectItem: (item: string) => `The $select item '${item}' is not valid: select properties of the entity by name.`,
  /** simulator */
  invalidExpandItem: (item: string) => `The $expand item '${item}' is not valid.`,
  /** simulator */
  unsupportedExpand: (what: string) => `'${what}' in $expand is not supported.`,
  /** simulator */
  unknownQueryOption: (name: string) => `The query parameter '${name}' is not supported.`,
  /** simulator */
  invalidSkipToken: (token: string) => `The skip token value '${token}' is not valid.`,
  /** simulator */
  invalidSchemaVersion: (value: string) => `The schema version '${value}' is not valid.`,
  /** simulator (BC documents that a write on the read-only replica throws, not its text) */
  readOnlyIntent: (method: string) =>
    `The request has the data access intent ReadOnly: '${method}' requests cannot change data. Send GET requests with this header only.`,
  /** simulator */
  optionNotAllowedHere: (name: string) => `The query option '${name}' is not allowed on this resource.`,
  /** simulator (BC's limit of 100 operations is documented, its text is not) */
  batchTooLarge: (count: number, limit: number) =>
    `The batch request contains ${count} operations; at most ${limit} are allowed.`,
  /** simulator */
  invalidBatch: (reason: string) => `The batch request is not valid: ${reason}`,
  /** simulator: BC rejects deep update ("Business Central doesn't support deep patching"); its text is not documented. */
  deepUpdate: (navigation: string) =>
    `Deep update is not supported: '${navigation}' is a navigation property. Update the related entities with their own requests.`,
  /** simulator */
  unknownParameter: (parameter: string, action: string) =>
    `The parameter '${parameter}' in the request payload is not a valid parameter for the operation '${action}'.`,
  /** simulator */
  missingParameter: (parameter: string, action: string) => `The parameter '${parameter}' of the operation '${action}' must have a value.`,
  /** simulator */
  requestTooLarge: (limit: string) => `The request body is larger than the maximum allowed size (${limit}).`,
  /** simulator */
  badHeader: (header: string, reason: string) => `The ${header} header is not valid: ${reason}`,
  // ---- the front door and permissions (docs/api.md, Permissions) ----
  /** HTTP.sys's answer to a Host it does not serve (BC on-premises runs behind it); the envelope is the simulator's. */
  invalidHostname: 'Bad Request - Invalid Hostname',
  /** Microsoft.OData.Core's text for a body it cannot read ("of the response" is in its text for requests too). */
  unsupportedMediaType: (contentType: string, supported: string[]) =>
    `A supported MIME type could not be found that matches the content type of the response. None of the supported type(s) '${supported.join(', ')}' matches the content type '${contentType}'.`,
  /** BC's opening of a permission error; the part in parentheses is the simulator's (it has no object permissions). */
  permissionsPrevented: (what: string) => `Sorry, the current permissions prevented the action. (${what})`,
};

/** A body of a type the server does not read (415; BC's code for it is not documented). */
export class UnsupportedMediaTypeError extends BcError {
  readonly code = 'BadRequest_UnsupportedMediaType';
}

/** A body above the configured limit (BC: HTTP 413, "Max body size"). */
export class RequestTooLargeError extends BcError {
  readonly code = 'Request_EntityTooLarge';
}

export const HttpErrors = {
  resourceNotFound: (segment: string) => new BadRequestError('BadRequest_ResourceNotFound', ODataText.resourceNotFound(segment)),
  noHttpResource: (uri: string) => new BadRequestError('BadRequest_NotFound', ODataText.noHttpResource(uri)),
  companyNotFound: () => new BadRequestError('Internal_CompanyNotFound', ODataText.companyNotFound),
  inOperator: () => new BadRequestError('BadRequest_MethodNotImplemented', ODataText.inOperator),
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
  /** ODataNotFoundException: a key or path segment that does not parse (dynamics-error-codes.md). */
  querySyntax: () => new BadRequestError('BadRequest_NotFound', ODataText.querySyntax),
  /** A query string that is not percent-encoding: refused before OData reads it (the code is the simulator's choice). */
  queryEncoding: () => new BadRequestError('BadRequest', ODataText.querySyntax),
  invalidTopSkip: (value: string, option: '$top' | '$skip') => new BadRequestError('BadRequest', ODataText.invalidTopSkip(value, option)),
  unknownParameter: (parameter: string, action: string) =>
    new BadRequestError('BadRequest', ODataText.unknownParameter(parameter, action)),
  missingParameter: (parameter: string, action: string) =>
    new BadRequestError('BadRequest_RequiredParamNotProvided', ODataText.missingParameter(parameter, action)),
  badHeader: (header: string, reason: string) => new BadRequestError('BadRequest', ODataText.badHeader(header, reason)),
  requestTooLarge: (limit: string) => new RequestTooLargeError(ODataText.requestTooLarge(limit)),
  invalidHostname: () => new BadRequestError('BadRequest', ODataText.invalidHostname),
  unsupportedMediaType: (contentType: string, supported: string[]) =>
    new UnsupportedMediaTypeError(ODataText.unsupportedMediaType(contentType, supported)),
  /** Not SUPER where the action needs it (all companies, or the company named). */
  superRequired: (what: string, company?: string) =>
    new AuthorizationError(ODataText.permissionsPrevented(`${what}: needs the SUPER permission set ${company === undefined ? 'for all companies' : `in company '${company}'`}`)),
  noCompanyAccess: (company: string) =>
    new AuthorizationError(PermissionLabels.PermissionsPreventedErr.with(PermissionLabels.NoCompanyAccessTxt.with(company))),
  notSupported: (what: string) => new NotSupportedError(what),
  querySyntaxAt: (pos: number, text: string) => new BadRequestError('BadRequest', ODataText.syntaxErrorAt(pos, text)),
  invalidCharacter: (ch: string, pos: number, text: string) => new BadRequestError('BadRequest', ODataText.invalidCharacter(ch, pos, text)),
  unterminatedString: (pos: number, text: string) => new BadRequestError('BadRequest', ODataText.unterminatedString(pos, text)),
  expressionExpected: (pos: number, text: string) => new BadRequestError('BadRequest', ODataText.expressionExpected(pos, text)),
  closeParenOrCommaExpected: (pos: number, text: string) =>
    new BadRequestError('BadRequest', ODataText.closeParenOrCommaExpected(pos, text)),
  closeParenOrOperatorExpected: (pos: number, text: string) =>
    new BadRequestError('BadRequest', ODataText.closeParenOrOperatorExpected(pos, text)),
  recursionTooDeep: () => new BadRequestError('BadRequest', ODataText.recursionTooDeep),
  propertyNotDeclared: (property: string, type: string) => new BadRequestError('BadRequest', ODataText.propertyNotDeclared(property, type)),
  incompatibleOperands: (left: string, right: string, operatorKind: string) =>
    new BadRequestError('BadRequest', ODataText.incompatibleOperands(left, right, operatorKind)),
  unknownFunction: (name: string) => new BadRequestError('BadRequest', ODataText.unknownFunction(name)),
  noApplicableFunction: (name: string, signatures: string) =>
    new BadRequestError('BadRequest', ODataText.noApplicableFunction(name, signatures)),
  notValidEnumConstant: (value: string) => new BadRequestError('BadRequest', ODataText.notValidEnumConstant(value)),
  invalidCount: (value: string) => new BadRequestError('BadRequest', ODataText.invalidCount(value)),
  queryOptionTwice: (name: string) => new BadRequestError('BadRequest', ODataText.queryOptionTwice(name)),
  notNavigationProperty: (property: string, type: string) =>
    new BadRequestError('BadRequest', ODataText.notNavigationProperty(property, type)),
  badFilterValue: () => new BadRequestError('BadRequest', ODataText.filterNotBoolean),
  orDistinctFields: () => new BadRequestError('BadRequest', ODataText.orDistinctFields),
  unsupportedFilter: (what: string) => new BadRequestError('BadRequest', ODataText.unsupportedFilter(what)),
  nestedFunctions: (name: string) => new BadRequestError('BadRequest', ODataText.nestedFunctions(name)),
  unsupportedOrderBy: (what: string) => new BadRequestError('BadRequest', ODataText.unsupportedOrderBy(what)),
  notSortableOrFilterable: (property: string, option: string) =>
    new BadRequestError('BadRequest', ODataText.notSortableOrFilterable(property, option)),
  invalidSelectItem: (item: string) => new BadRequestError('BadRequest', ODataText.invalidSelectItem(item)),
  invalidExpandItem: (item: string) => new BadRequestError('BadRequest', ODataText.invalidExpandItem(item)),
  unsupportedExpand: (what: string) => new BadRequestError('BadRequest', ODataText.unsupportedExpand(what)),
  unknownQueryOption: (name: string) => new BadRequestError('BadRequest', ODataText.unknownQueryOption(name)),
  invalidSkipToken: (token: string) => new BadRequestError('BadRequest', ODataText.invalidSkipToken(token)),
  invalidSchemaVersion: (value: string) => new BadRequestError('BadRequest', ODataText.invalidSchemaVersion(value)),
  optionNotAllowedHere: (name: string) => new BadRequestError('BadRequest', ODataText.optionNotAllowedHere(name)),
  batchTooLarge: (count: number, limit: number) => new BadRequestError('BadRequest', ODataText.batchTooLarge(count, limit)),
  invalidBatch: (reason: string) => new BadRequestError('BadRequest', ODataText.invalidBatch(reason)),
  deepUpdate: (navigation: string) => new BadRequestError('BadRequest', ODataText.deepUpdate(navigation)),
  readOnlyIntent: (method: string) => new BadRequestError('BadRequest', ODataText.readOnlyIntent(method)),
};
