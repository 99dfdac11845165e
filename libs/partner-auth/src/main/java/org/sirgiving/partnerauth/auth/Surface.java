package org.sirgiving.partnerauth.auth;

/** The three ways a partner request authenticates (contract section 3). */
public enum Surface {
    WIDGET,
    SIGNED,
    SECRET_KEY
}
