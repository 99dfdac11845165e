/**
 * The request and response bodies of the partner API (docs/partner-api.md sections 4 to 6), as immutable records.
 * Unknown fields are ignored and unknown enum values read as {@code UNKNOWN}, so a newer server does not break an older
 * SDK.
 */
package org.sirgiving.sdk.model;
