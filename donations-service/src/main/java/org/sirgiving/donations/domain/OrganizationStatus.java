package org.sirgiving.donations.domain;

/** Only an ACTIVE organization takes new donation links; INACTIVE ones stay readable for their donations. */
public enum OrganizationStatus {
    ACTIVE,
    INACTIVE
}
