#define _GNU_SOURCE
#include <unistd.h>
#include "CFileSync.h"

int makegood_syncfs(int fd) {
    return syncfs(fd);
}
