package ferry.server.ftp;

/** One parsed command line: the verb and its argument ("" when none), as RFC 959 4.1 spells them. */
record Command(Verb verb, String argument) {
    @Override
    public String toString() {
        return verb == Verb.PASS ? "PASS ****" : verb + (argument.isEmpty() ? "" : " " + argument); // never log passwords
    }
}
