/**
 * The request and response bodies of the partner API (docs/partner-api.md sections 4 to 7), as immutable records.
 * Unknown fields are ignored and unknown enum values read as {@code UNKNOWN}, so a newer server does not break an older
 * SDK.
 *
 * <p>Hand-written, not generated: docs/partners/openapi.json was not committed yet when the SDK was built, and its
 * schema names were still being set service by service. openapi-generator 7.25.0 (java, models only) was tried on a
 * 3.1 sample: its {@code native} models call the generated ApiClient and do not compile alone; other libraries' models
 * compile only with two empty template overrides (jakarta annotations), and give mutable beans whose class names
 * follow schema names. The records are held to the document instead: ModelsMatchTheDocumentTest finds each
 * operation by method and path and compares property names once the document is in the checkout.
 */
package org.sirgiving.sdk.model;
