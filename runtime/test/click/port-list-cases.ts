// Connections with port lists and '=>', each with the connections Click makes of it
// (Lexer::yconnection_connect_all). click-language.test.ts checks our parser against
// them; click-flatten.test.ts checks them against a real click-flatten when
// CLICKOS_CLICK_BUILD points at a Click install.
export const PORT_LIST_CASES: Array<[string, string, string[]]> = [
  ["pairs ports in order", "t :: Tee(2); u :: Idle; t[0,1] => [0,1]u;", ["t[0] -> [0]u", "t[1] -> [1]u"]],
  ["fans a port list into one input", "x :: Tee(3); y :: Idle; x [0,1,2] -> y;",
    ["x[0] -> [0]y", "x[1] -> [0]y", "x[2] -> [0]y"]],
  ["spells ranges with '-'", "x :: Tee(3); y :: Idle; x [0-2] => [1-3] y;",
    ["x[0] -> [1]y", "x[1] -> [2]y", "x[2] -> [3]y"]],
  ["pairs element lists", "a, b :: Idle; c, d :: Idle; a, b => c, d;", ["a[0] -> [0]c", "b[0] -> [0]d"]],
  ["lets a bare element stand for many ports", "a :: Tee(2); c, d :: Idle; a => c, d;", ["a[0] -> [0]c", "a[1] -> [0]d"]],
  ["still fans out with '->'", "a :: Idle; c, d :: Idle; a -> c, d;", ["a[0] -> [0]c", "a[0] -> [0]d"]],
  ["expands a list ending in ','", "a :: Tee(4); c, d, e :: Idle; a[1,] => c, d, e;",
    ["a[1] -> [0]c", "a[2] -> [0]d", "a[3] -> [0]e"]],
  ["mixes lists and elements", "a :: Tee(3); b, c :: Idle; a [0-2] => [0,1] b, c;",
    ["a[0] -> [0]b", "a[1] -> [1]b", "a[2] -> [0]c"]],
];
