// The nn language: one statement per line (or separated by ';'), brackets may span lines.
// Every alternative is labelled so the AST builder (nn.lang.AstBuilder) has one visit method per form.
grammar Nn;

tokens { ROWSEP }

@lexer::members {
    /** Line and column (1-based) of each bracket still open, innermost first. */
    private final java.util.ArrayDeque<int[]> opened = new java.util.ArrayDeque<>();
    /** How many brackets ('[', '(', \begin{..matrix}) are open: inside them newlines are whitespace and ';' separates rows. */
    public int depth() { return opened.size(); }
    /** {line, column} of the innermost bracket still open, or null. */
    public int[] innermostOpen() { return opened.peek(); }
    private void open() { opened.push(new int[] {_tokenStartLine, _tokenStartCharPositionInLine + 1}); }
    private void close() { if (!opened.isEmpty()) opened.pop(); }
}

program   : sep* (statement (sep+ statement)* sep*)? EOF ;   // no sep* on both sides of an empty program: blank lines stay linear
sep       : NEWLINE | SEMI ;

// A single statement with nothing after it: what the REPL completes and highlights.
// Statements with a syntax of their own have an alternative each; every other statement is a keyword and its
// arguments (commandStmt), read by the statement's row of the interpreter's table (nn.session.Statements).
statement
    : LAYER word shape (AS word)? argument*                    # layerStmt
    | DATA word EQ dataSource                                  # dataStmt
    | EXPECT expr relation value (PLUSMINUS number)? equationTag?  # expectStmt
    | ref (EQ expr)+ equationTag?                              # assignStmt
    | LPAREN NUMBER RPAREN                                     # equationNumberStmt
    | keyword argument*                                        # commandStmt
    | expr                                                     # inspectStmt
    ;

// The statements that take the generic form `keyword argument*`.
keyword   : INPUT | TARGET | LOSS | FORWARD | BACKWARD | UPDATE | STEP | SHOW | PRECISION | EXPLAIN | TRACE | DRAW
          | EXPORT | INIT | TRAIN | FREEZE | UNFREEZE | EVALUATE | PREDICT | PLOT | GRADCHECK | SAVE | LOAD | RUN | RESET
          | VIEW | HELP | EXIT | QUIT | ASK | CHECK
          | VARS | WHOS ;  // vars/whos (issue 17)

// An argument: `lr=0.1`, `"file.csv"`, a value or name (`[0.9, 0.2]`, xor, dE/dw100, uniform(-1, 1)), or a keyword
// (`explain update w100`, `help layer`). Bare words that are flags (`onehot`) are told apart by the statement's row.
argument
    : word EQ optionValue                                      # optionArg
    | STRING                                                   # stringArg
    | expr                                                     # exprArg
    | word                                                     # keywordArg
    ;
optionValue : STRING | expr | word ;

// An equation's number as documents print it after the equation: (6).
equationTag : LPAREN NUMBER RPAREN ;

shape     : NUMBER ARROW NUMBER ;
relation  : EQ | LT | GT | LE | GE ;

// A name, possibly a gradient (dE/dw100), possibly indexed (h[0], W0[1,2]): what can be assigned.
ref       : (NAME | DERIV | LOSS) index? ;
index     : LBRACK NUMBER (COMMA NUMBER)* RBRACK ;

// Expressions, highest precedence first: index and transpose, power (right to left; -x^2 is -(x^2)), sign,
// products (* / @ · ×: elementwise, and @ the matrix product as numpy writes it), sums.
expr
    : expr index                                               # indexExpr
    | expr TRANSPOSE                                           # transposeExpr
    | <assoc=right> expr op=(CARET | POW) expr                  # powExpr
    | (MINUS | PLUS) expr                                      # signExpr
    | expr (STAR | SLASH | AT | CDOT | TIMES) expr             # mulExpr
    | expr (PLUS | MINUS) expr                                 # addExpr
    | NAME LPAREN (callArg (COMMA callArg)*)? RPAREN           # callExpr
    | LPAREN expr RPAREN                                       # parenExpr
    | NUMBER                                                   # numberExpr
    | bracket                                                  # bracketExpr
    | BEGIN_MATRIX latexRow (DBLBACKSLASH latexRow)* DBLBACKSLASH? END_MATRIX  # latexExpr
    | (NAME | DERIV | LOSS)                                    # nameExpr
    ;
callArg   : word EQ expr                                       # namedCallArg
          | expr                                               # plainCallArg
          ;

dataSource
    : LBRACK pair (COMMA? pair)* COMMA? RBRACK                  # inlineData
    | word STRING argument*                                    # fileData
    | expr                                                     # generatedData
    ;
pair      : value ARROW value ;

// Values written as numbers. One bracket form covers [0.9, 0.2], [[..],[..]], MATLAB [0.2 -1.2; -0.5 0.3] and
// column [0.9; 0.2].
value
    : number                                                   # scalarValue
    | bracket                                                  # bracketValue
    | BEGIN_MATRIX latexRow (DBLBACKSLASH latexRow)* DBLBACKSLASH? END_MATRIX  # latexValue
    ;
bracket   : LBRACK (row (ROWSEP row)* ROWSEP?)? RBRACK ;
row       : element (COMMA? element)* COMMA? ;
element   : number | bracket ;
latexRow  : number (AMP number)* ;

number    : sign? NUMBER (SLASH sign? NUMBER)? ;
sign      : MINUS | PLUS ;

// Words where any name is allowed, keywords included (`target=species`, `plot loss`, `help layer`).
word      : NAME | LAYER | INPUT | TARGET | LOSS | FORWARD | BACKWARD | UPDATE | STEP | SHOW | EXPECT
          | PRECISION | EXPLAIN | TRACE | DRAW | EXPORT | INIT | DATA | TRAIN | FREEZE | UNFREEZE
          | EVALUATE | PREDICT | PLOT | GRADCHECK | SAVE | LOAD | RUN | RESET | VIEW | HELP | EXIT | QUIT | AS | ASK | CHECK
          | VARS | WHOS ;

// ---- lexer ----
LAYER     : 'layer' ;
INPUT     : 'input' ;
TARGET    : 'target' ;
LOSS      : 'loss' ;
FORWARD   : 'forward' ;
BACKWARD  : 'backward' ;
UPDATE    : 'update' ;
STEP      : 'step' ;
SHOW      : 'show' ;
EXPECT    : 'expect' ;
PRECISION : 'precision' ;
EXPLAIN   : 'explain' ;
TRACE     : 'trace' ;
DRAW      : 'draw' ;
EXPORT    : 'export' ;
INIT      : 'init' ;
DATA      : 'data' ;
TRAIN     : 'train' ;
FREEZE    : 'freeze' ;
UNFREEZE  : 'unfreeze' ;
EVALUATE  : 'evaluate' ;
PREDICT   : 'predict' ;
PLOT      : 'plot' ;
GRADCHECK : 'gradcheck' ;
SAVE      : 'save' ;
LOAD      : 'load' ;       // parameters from NumPy files (issue 16)
RUN       : 'run' ;
RESET     : 'reset' ;
VIEW      : 'view' ;
HELP      : 'help' ;
EXIT      : 'exit' ;
QUIT      : 'quit' ;
// grading (docs/grading.md): what an answer key asks
ASK       : 'ask' ;
// checking a pasted worked solution (docs/checking.md)
CHECK     : 'check' ;
// vars/whos (issue 17)
VARS      : 'vars' ;
WHOS      : 'whos' ;
AS        : 'as' ;

// Arrows, minus signs and products as PDFs and word processors print them.
ARROW     : '->' | '\u2192' ;
PLUSMINUS : '\u00B1' | '+/-' | '+-' ;
LE        : '<=' | '\u2264' ;
GE        : '>=' | '\u2265' ;
LT        : '<' ;
GT        : '>' ;
EQ        : '=' ;
MINUS     : '-' | '\u2212' | '\u2013' | '\u2012' | '\uFE63' | '\uFF0D' ;
PLUS      : '+' ;
POW       : '**' ;   // Python's power, as micrograd writes b**3
STAR      : '*' ;
CARET     : '^' ;
AT        : '@' ;
CDOT      : '\u00B7' | '\u22C5' | '\\cdot' ;
TIMES     : '\u00D7' | '\\times' ;
// xᵀ: the transpose as course material prints it (also written x^T)
TRANSPOSE : '\u1D40' ;
SLASH     : '/' ;
COMMA     : ',' ;
AMP       : '&' ;
DBLBACKSLASH : '\\\\' ;
LBRACK    : '[' { open(); } ;
RBRACK    : ']' { close(); } ;
LPAREN    : '(' { open(); } ;
RPAREN    : ')' { close(); } ;
BEGIN_MATRIX : '\\begin{' [a-zA-Z]* 'matrix' '*'? '}' { open(); } ;
END_MATRIX   : '\\end{' [a-zA-Z]* 'matrix' '*'? '}' { close(); } ;
// ';' separates statements at top level and rows inside brackets.
SEMI      : ';' { if (depth() > 0) setType(NnParser.ROWSEP); } ;

NUMBER    : DIGITS ('.' DIGITS?)? EXPONENT? | '.' DIGITS EXPONENT? ;
// dE/dw100, ∂E/∂W0, do/do_pre, dh/dh_pre: one token, so '/' never reads as division here.
DERIV     : ('d' | '\u2202') NAMEBODY '/' ('d' | '\u2202') NAMEBODY ;
// `\mu`, `\eta`, `\alpha` as LaTeX writes the learning rate (`$$\mu = 0.1 \tag{17}$$`); the AST drops the backslash.
NAME      : NAMEBODY | '\\' ('mu' | 'eta' | 'alpha') ;
STRING    : '"' ~["\r\n]* '"' | '\'' ~['\r\n]* '\'' ;

COMMENT   : ('#' | '//') ~[\r\n]* -> skip ;
NEWLINE   : ('\r'? '\n' | '\r') { if (depth() > 0) setChannel(HIDDEN); } ;
// Pasted LaTeX display math: the `$`/`$$` delimiters and equation numbers `\tag{2}` carry nothing; read as spaces.
TEX_NOISE : ('$' | '\\tag' '*'? '{' ~[}\r\n]* '}') -> channel(HIDDEN) ;
WS        : [ \t\f\u00A0\u2000-\u200B\u202F\u205F\u3000\uFEFF]+ -> channel(HIDDEN) ;
ERROR_CHAR : . ;

fragment DIGITS   : [0-9]+ ;
fragment EXPONENT : [eE] [+\-\u2212]? DIGITS ;
// Letters of any script (μ, η, σ), digits, '_', and TeX subscripts: w_{100}, h_{pre,0}, b_{\text{hid}}.
// TeX subscripts may wrap words in \text{..} (b_{\text{hid}}, h_{\text{pre},0}); the AST drops the command.
fragment NAMEBODY : LETTER (LETTER | [0-9_])* ('_{' (LETTER | [0-9,] | TEXCMD)* '}' (LETTER | [0-9_])*)* ;
fragment TEXCMD   : '\\' ('text' | 'mathrm' | 'mathit' | 'textrm' | 'rm') '{' (LETTER | [0-9,])* '}' ;
// Letters of the scripts course material uses (Latin with accents, Greek μ η σ, Cyrillic, ℓ), as explicit ranges:
// ANTLR builds \p{L}'s 659 intervals at every start (~28 ms of CPU), these few ranges cost nothing.
fragment LETTER   : [a-zA-Z\u00AA\u00B5\u00BA\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02AF\u0370-\u0373\u0376\u0377\u037B-\u037D\u0386\u0388-\u03FF\u0400-\u0481\u048A-\u052F\u1E00-\u1FFF\u2113] ;

