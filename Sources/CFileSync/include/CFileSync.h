#ifndef MAKEGOOD_CFILESYNC_H
#define MAKEGOOD_CFILESYNC_H

/// syncfs(2): writes out everything cached for the filesystem holding `fd`. glibc declares it only with
/// _GNU_SOURCE, which Swift's Glibc module does not define, hence this one-function target.
int makegood_syncfs(int fd);

#endif
