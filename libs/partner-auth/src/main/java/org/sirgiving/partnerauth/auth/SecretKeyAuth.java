package org.sirgiving.partnerauth.auth;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** HMAC surface for writes: signed, and the key must be a secret key (`sk_`); `pk_` → 403 SECRET_KEY_REQUIRED. */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SecretKeyAuth {}
