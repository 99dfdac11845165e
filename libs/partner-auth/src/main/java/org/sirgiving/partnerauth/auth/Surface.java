package org.sirgiving.partnerauth.auth;

/** The three ways a partner request authenticates (docs/partner-api.md section 3). */
public enum Surface {
    WIDGET,
    SIGNED,
    SECRET_KEY
}
