int g = 3;
int arr[10];
const char *s = "hello";
const char *t = "world";
static int helper(int x) { return x * g + arr[x]; }
int main(void) { return helper(1) + s[0] + t[1]; }
