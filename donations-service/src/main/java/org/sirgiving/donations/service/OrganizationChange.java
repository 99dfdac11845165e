package org.sirgiving.donations.service;

import java.util.List;

/** An operator's create or update of an organization: null fields are left as they are (update) or defaulted. */
public record OrganizationChange(
        String slug,
        String name,
        String logo,
        String ein,
        String description,
        String website,
        List<String> providers,
        List<String> currencies,
        String status,
        String reason) {}
