#include <cstdio>
int main() { std::puts("maillage"); return 0; }
