/* System calls that Swift's Glibc module hides behind _GNU_SOURCE, as Casebook needs them. */
#ifndef CASEBOOK_CSYSTEM_H
#define CASEBOOK_CSYSTEM_H

/* The next connection waiting on `listener`, non-blocking and closed on exec, made so in the
   same call (accept4 on Linux) so that no program started meanwhile inherits it; -1 and errno. */
int casebook_accept(int listener);

/* A pipe whose ends are non-blocking and closed on exec (pipe2 on Linux); 0, or -1 and errno. */
int casebook_pipe(int ends[2]);

#endif
