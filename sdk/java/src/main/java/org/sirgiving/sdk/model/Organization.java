package org.sirgiving.sdk.model;

import java.util.List;

/**
 * A nonprofit of the directory that donation links can name (docs/partner-api.md section 7). {@code slug} is the
 * {@code nonprofitSlug} of a link; only an {@link OrganizationStatus#ACTIVE} one takes new links, with one of its
 * {@code providers} ({@code stripe}, {@code every.org}) and {@code currencies} (ISO 4217). {@code logo}, {@code ein},
 * {@code description} and {@code website} may be null.
 */
public record Organization(
        String id,
        String slug,
        String name,
        String logo,
        String ein,
        OrganizationStatus status,
        String description,
        String website,
        List<String> providers,
        List<String> currencies) {}
