package org.sirgiving.keys.service;

import org.sirgiving.keys.domain.ApiKey;

/** A key just created, with the two secrets that exist in clear only in this one response. */
public record IssuedKey(ApiKey key, String secretKey, String hmacSecret) {}
