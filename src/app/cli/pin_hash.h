// `manyi pin-hash [--iterations N]`: reads a PIN on stdin, prints its pbkdf2-sha256 record.
#pragma once

int CommandPinHash(int argc, char** argv);
