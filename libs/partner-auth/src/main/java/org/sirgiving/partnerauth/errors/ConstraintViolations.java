package org.sirgiving.partnerauth.errors;

/** Recognises a failure caused by a given unique constraint (a lost race to insert the same row). */
public final class ConstraintViolations {

    public static boolean violates(Throwable e, String... constraints) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (String c : constraints) {
                if (message.contains(c)) {
                    return true;
                }
            }
        }
        return false;
    }

    private ConstraintViolations() {}
}
