# The page frame, HTTP statuses, and refusals of a request as a whole.

layout-log-out = Log out
layout-back-to-start = Back to the start page
language-unknown = mot does not speak the language "{ $code }".

status-400 = Bad Request
status-401 = Unauthorized
status-403 = Forbidden
status-404 = Not Found
status-405 = Method Not Allowed
status-409 = Conflict
status-413 = Payload Too Large
status-415 = Unsupported Media Type
status-422 = Unprocessable Entity
status-429 = Too Many Requests
status-500 = Internal Server Error
status-503 = Service Unavailable
status-other = Error { $code }

error-too-many = Too many attempts. Please wait { $seconds } seconds and try again.
error-internal = Something went wrong on our side (error id { $id }). Nothing was changed; please try again.
error-shutting-down = The server is shutting down; please try again in a moment.
error-database-unavailable = The database is not answering right now, so nothing was changed. Please try again in a moment.
error-json-content-type = Send the body as JSON with Content-Type: application/json.
error-json-syntax = The body is not valid JSON: { $detail }
error-json-fields = The JSON does not have the expected fields: { $detail }
error-json-object = The body must be a JSON object ({"{"}...{"}"}) with the expected fields.
error-too-large = The request is too large. Shorten the text and try again.
error-body-too-large = The request is larger than { $kib } KiB.
error-unreadable = The request could not be read: { $detail }
error-form-fields = The form is missing a field or has a wrong value: { $detail }
error-form-utf8 = The form is not valid UTF-8 text. Send it from a page of this site, or encode the text as UTF-8.
error-no-address = This address does not exist: { $detail }
error-query = The query string is malformed: { $detail }
error-no-page = There is no page at this address.
error-method = This address does not accept that method.
error-bad-id = { $field }: is not a valid id

auth-token-missing = Send an API token as: Authorization: Bearer <token>.
auth-token-invalid = This API token is not valid.
auth-form-expired = This form has expired or did not come from this site. Reload the page and try again.
layout-your-account = Your account
layout-people = People
