package org.sirgiving.donations.service;

/** What a provider notification did: changed the donation, repeated one already applied, or came too late to matter. */
public enum ApplyEffect {
    APPLIED,
    DUPLICATE,
    IGNORED
}
