// The C++ core's messages in the page's language. The core writes every validation error as
// "<field path>: <text>" (SpecError, core/run/spec_reader.hpp) and every stopped run as
// "diverged at step k: <cause>" (Run::stop_diverged), in English, from a fixed set of templates
// with parameters (ranges, values, names, counts). This file is the Japanese side of those
// templates: each entry matches one English template and rebuilds it in Japanese from the same
// parameters, so the field path, the numbers and the spec's names are kept exactly (they are the
// same in both languages). A text no entry matches stays English; tests/node/core-messages.test.mjs
// walks every message of the catalog probes, the fuzz corpus and the runs' stops and fails on one
// that has no Japanese entry. No DOM; tested under Node.

// Parameter phrases inside the templates.
function range(s) {
  if (s === 'finite') return '有限の値';
  const m = /^in ([[(].*[\])])$/.exec(s);
  return m ? `${m[1]} の範囲` : s;   // "≥ 0", "> 0", "≤ 1" read the same
}
function value(s) {
  const m = /^(a string|a number|a boolean|an array|an object) (.*)$/s.exec(s);
  if (!m) return s;
  return `${{ 'a string': '文字列', 'a number': '数', 'a boolean': '真偽値', 'an array': '配列', 'an object': 'オブジェクト' }[m[1]]} ${m[2]}`;
}
function typeName(s) {
  return { null: 'null', 'a boolean': '真偽値', 'a string': '文字列', 'an array': '配列', 'an object': 'オブジェクト', 'a number': '数' }[s] ?? s;
}
function allowed(s) {
  const m = /^(an integer|a number)(?: (.*))?$/s.exec(s);
  if (!m) return range(s);
  const kind = m[1] === 'an integer' ? '整数' : '数';
  if (!m[2]) return kind;
  const inside = /^in (.*)$/.exec(m[2]);
  return inside ? `${inside[1]} の範囲の${kind}` : `${range(m[2]).replace(/ and /g, ' かつ ')} の${kind}`;   // "≥ 1 and ≤ 8" (web/catalog.js rangeText)
}

// nlohmann/json's parse errors (the text after "malformed JSON: "), phrase by phrase.
const JSON_CONTEXT = { value: '値', 'object key': 'オブジェクトのキー', 'object separator': 'オブジェクトの区切り', object: 'オブジェクト', array: '配列' };
const JSON_PHRASES = [
  [/parse error at line (\d+), column (\d+): /g, '$1 行 $2 列で解析エラー: '],
  [/syntax error while parsing (object key|object separator|value|object|array)/g, (m, c) => `${JSON_CONTEXT[c]}の解析中の構文エラー`],
  [/ - /g, ' — '],
  [/unexpected end of input/g, '入力が途中で終わっています'],
  [/unexpected /g, '予期しない '],
  [/; expected /g, '。期待されるもの: '],
  [/; last read: /g, '。最後に読んだ部分: '],
  [/; must be 0xEF 0xBB 0xBF if given/g, '（付けるなら 0xEF 0xBB 0xBF）'],
  [/; expecting '\/' or '\*' after '\/'/g, "（'/' の後には '/' か '*'）"],
  [/; missing closing '\*\/'/g, "（閉じる '*/' がありません）"],
  [/invalid literal/g, '不正なリテラル'],
  [/invalid number/g, '不正な数'],
  [/invalid string: /g, '不正な文字列: '],
  [/invalid BOM/g, '不正な BOM'],
  [/invalid comment/g, '不正なコメント'],
  [/digit after exponent sign/g, '指数の符号の後の数字'],
  [/'\+', '-', or digit after exponent/g, "指数の後の '+', '-' または数字"],
  [/digit after '(.)'/g, "'$1' の後の数字"],
  [/control character (U\+[0-9A-F]{4}) (\(\w+\)) must be escaped to (\S+)(?: or (\S+))?/g, (m, u, n, a, b) => `制御文字 ${u} ${n} は ${a}${b ? ` または ${b}` : ''} とエスケープしなければなりません`],
  [/'\\u' must be followed by 4 hex digits/g, "'\\u' の後には16進数字4桁が必要です"],
  [/surrogate (U\+D800\.\.U\+DBFF) must be followed by (U\+DC00\.\.U\+DFFF)/g, 'サロゲート $1 の後には $2 が必要です'],
  [/surrogate (U\+DC00\.\.U\+DFFF) must follow (U\+D800\.\.U\+DBFF)/g, 'サロゲート $1 は $2 の後になければなりません'],
  [/forbidden character after backslash/g, 'バックスラッシュの後に使えない文字'],
  [/ill-formed UTF-8 byte/g, '不正な UTF-8 のバイト'],
  [/missing closing quote/g, '閉じる引用符がありません'],
  [/'\[', '\{', or a literal/g, "'[', '{' またはリテラル"],
  [/end of input/g, '入力の終わり'],
  [/(string|number|true|false|null) literal/g, (m, k) => `${{ string: '文字列', number: '数', true: 'true の', false: 'false の', null: 'null の' }[k]}リテラル`],
  [/unknown token/g, '未知のトークン'],
  [/<parse error>/g, '<解析エラー>'],
  [/<uninitialized>/g, '<未初期化>'],
];
function jsonText(s) {
  // The "last read" token is the user's text: translate only what comes before it.
  const at = s.indexOf('; last read: ');
  let head = at < 0 ? s : s.slice(0, at);
  const tail = at < 0 ? '' : s.slice(at);
  for (const [re, to] of JSON_PHRASES) head = head.replace(re, to);
  return head + tail.replace('; last read: ', '。最後に読んだ部分: ');
}

// [English template, Japanese builder from the captured parameters]. Order matters: the first match wins.
const TEMPLATES = [
  // A racer the link named but the page did not race: its problem, then which racer (checked first).
  [/^(?!not an optimizer object)(.+) \(racer (\d+) not raced(; the racers after it move up one place)?\)$/s,
    (c, n, up) => `${apply(TEMPLATES, c) ?? c}（手法 ${n} は競争に加えていません${up ? '。後の手法は番号が一つ繰り上がります' : ''}）`],
  // ---- spec_reader.cpp: types, ranges, names, keys
  [/^must be a number (.+?), got (.+)$/s, (r, g) => `${range(r)} の数でなければなりません（入力: ${value(g)}）`],
  [/^must be a finite number, got (.+)$/s, (g) => `有限の数でなければなりません（入力: ${value(g)}）`],
  [/^must be (an integer in \[.+?\]), got (.+)$/s, (a, g) => `${allowed(a)} でなければなりません（入力: ${value(g)}）`],
  [/^must be a positive integer or "full", got (.+)$/s, (g) => `正の整数か "full" でなければなりません（入力: ${value(g)}）`],
  [/^must be a step number \(an integer ≥ 0\), got (.+)$/s, (g) => `ステップ番号（0 以上の整数）でなければなりません（入力: ${value(g)}）`],
  [/^must be ((?:in [[(]|[≥>≤<] |finite).*?), got (.+)$/s, (r, g) => `${range(r)} でなければなりません（入力: ${value(g)}）`],
  [/^is required \(a number (.+)\)$/s, (r) => `必須です（${range(r)} の数）`],
  [/^must be true or false, got (.+)$/s, (g) => `true か false でなければなりません（入力: ${value(g)}）`],
  [/^must be a string, got (.+)$/s, (g) => `文字列でなければなりません（入力: ${value(g)}）`],
  [/^must be a string: one of (.+)$/s, (l) => `文字列でなければなりません: ${l} のいずれか`],
  [/^must be one of (.+) or an object \{"name": \.\.\., options\}, got (.+)$/s, (l, g) => `${l} のいずれか、またはオブジェクト {"name": ..., オプション} でなければなりません（入力: ${value(g)}）`],
  [/^must be an initializer name or an object \{"name": \.\.\., parameters\}, got (.+)$/s, (g) => `初期化の名前か、オブジェクト {"name": ..., パラメータ} でなければなりません（入力: ${value(g)}）`],
  [/^must be one of (.+), got (.+)$/s, (l, g) => `${l} のいずれかでなければなりません（入力: ${value(g)}）`],
  [/^unknown value (.+); expected one of (.+)$/s, (v, l) => `未知の値 ${v} です。${l} のいずれかを指定してください`],
  [/^unknown key; allowed here: (.*)$/s, (l) => `未知のキーです。ここで使えるのは: ${l}`],
  [/^is required: one of (.+)$/s, (l) => `必須です: ${l} のいずれか`],
  [/^is required for group_norm \(an integer that divides the units\)$/, () => 'group_norm では必須です（ユニット数を割り切る整数）'],
  [/^must be an object, got (.+)$/s, (t) => `オブジェクトでなければなりません（入力: ${typeName(t)}）`],
  [/^this key appears twice in the same object; give it once$/, () => '同じオブジェクトにこのキーが2回あります。1回だけ指定してください'],
  [/^arrays and objects are nested more than (\d+) levels deep; no spec field needs more than (\d+)$/, (a, b) => `配列とオブジェクトの入れ子が ${a} 段を超えています。仕様のどのフィールドも ${b} 段までしか必要としません`],
  [/^malformed JSON: (.+)$/s, (w) => `JSON の構文が正しくありません: ${jsonText(w)}`],
  [/^the number (.*) is out of range: a spec's numbers must lie within ±1\.8e308 \(the range of a double\)$/s, (n) => `数 ${n} は範囲外です: 仕様の数は ±1.8e308（double の範囲）に収まらなければなりません`],
  [/^is out of range: a spec's numbers must lie within ±1\.8e308 \(the range of a double\)$/, () => '範囲外です: 仕様の数は ±1.8e308（double の範囲）に収まらなければなりません'],
  // ---- initializers, norms, layers
  [/^unknown initializer "(.*?)"( \(class_prior is only for output_bias_init\))?; expected one of (.+)$/s, (n, h, l) => `未知の初期化 "${n}" です${h ? '（class_prior は output_bias_init 専用です）' : ''}。${l} のいずれかを指定してください`],
  [/^unknown normalization "(.*?)"; expected one of (.+)$/s, (n, l) => `未知の正規化 "${n}" です。${l} のいずれかを指定してください`],
  [/^group_norm needs its number of groups: \{"name": "group_norm", "groups": G\}$/, () => 'group_norm にはグループ数が必要です: {"name": "group_norm", "groups": G}'],
  [/^must be larger than minval$/, () => 'minval より大きくなければなりません'],
  [/^must be an array of \{"units", "activation"\} objects$/, () => '{"units", "activation"} オブジェクトの配列でなければなりません'],
  [/^at most (\d+) layers$/, (n) => `層は ${n} 個までです`],
  // ---- optimizers
  [/^must be larger than c1 \((.+)\) for the strong Wolfe conditions$/, (c) => `強 Wolfe 条件のため c1 (${c}) より大きくなければなりません`],
  [/^give either betas \[beta1, beta2\] or beta1\/beta2, not both$/, () => 'betas [beta1, beta2] か beta1/beta2 のどちらか一方だけを指定してください'],
  [/^must be an array of two numbers \[beta1, beta2\], each (.+), got (.+)$/s, (r, g) => `2つの数の配列 [beta1, beta2]（どちらも ${range(r)}）でなければなりません（入力: ${value(g)}）`],
  // ---- surfaces
  [/^must be an array of (\d+) to (\d+) finite numbers$/, (a, b) => `${a} 個から ${b} 個の有限の数の配列でなければなりません`],
  [/^element (\d+) must be a finite number, got (.+)$/s, (i, g) => `要素 ${i} は有限の数でなければなりません（入力: ${g}）`],
  [/^element (\d+) must be a number, got (.+)$/s, (i, g) => `要素 ${i} は数でなければなりません（入力: ${g}）`],
  [/^element (\d+) must be finite, got (.+)$/s, (i, g) => `要素 ${i} は有限でなければなりません（入力: ${g}）`],
  [/^give either eigenvalues or condition \(with dim\), not both$/, () => 'eigenvalues か condition（と dim）のどちらか一方だけを指定してください'],
  [/^is set by the length of eigenvalues; remove it$/, () => 'eigenvalues の長さで決まります。削除してください'],
  [/^must be an array of (\d+) finite numbers, got (.+)$/s, (n, g) => `${n} 個の有限の数の配列でなければなりません（入力: ${g}）`],
  [/^has (\d+) elements but (.+) has (\d+) variables$/, (a, n, b) => `要素が ${a} 個ありますが、${n} の変数は ${b} 個です`],
  [/^a spec with "problem" walks a test surface and has no (.+); remove either "problem" or "(.+)"$/s, (k) => `"problem" のある仕様はテスト関数上を動くので ${k} はありません。"problem" か "${k}" のどちらかを削除してください`],
  [/^layer statistics need a network; a test surface has none$/, () => '層の統計量にはネットワークが必要です。テスト関数にはありません'],
  [/^must be true, false or \{"lanczos_steps": k\}, got (.+)$/s, (g) => `true, false または {"lanczos_steps": k} でなければなりません（入力: ${g}）`],
  // ---- data and resource limits
  [/^(\d+) is larger than the training set \((\d+) examples\); use at most (\d+) or "full"$/, (b, n, m) => `${b} は訓練集合（${n} 例）より大きいです。${m} 以下か "full" にしてください`],
  [/^step (-?\d+) is outside the run's steps \[0, (\d+)\]$/, (s, n) => `ステップ ${s} は実行のステップ範囲 [0, ${n}] の外です`],
  [/^(.+) = (\S+); at most (\S+) fit\. (.*)$/s, (what, need, max, advice) => `${limitText(what)} = ${need}。収まるのは ${max} までです。${limitText(advice)}`],
  // ---- gradient noise (core/run/gradient_noise.hpp)
  [/^a test surface has no training examples, so there is no minibatch gradient to measure: the gradient-noise measurement needs a network spec$/, () => 'テスト関数には訓練例がないので、測るべきミニバッチ勾配がありません: 勾配ノイズの測定にはネットワークの仕様が必要です'],
  [/^the gradient-noise measurement needs per-example gradients, and batch_norm couples the examples of a minibatch \(an example has no gradient of its own\); use none, layer_norm or group_norm$/, () => '勾配ノイズの測定には訓練例ごとの勾配が必要ですが、batch_norm はミニバッチ内の例を結合します（1例だけの勾配がありません）。none, layer_norm または group_norm を使ってください'],
  [/^must be false, \{"every": k\} or an array of steps, got (.+)$/s, (g) => `false, {"every": k} またはステップの配列でなければなりません（入力: ${value(g)}）`],
  [/^batch_norm \((.+)\) needs minibatches of at least 2 examples$/, (f) => `batch_norm (${f}) には 2 例以上のミニバッチが必要です`],
  [/^leaves (\d+) training examples for (\d+) classes; use more samples or a smaller test_fraction$/, (n, k) => `${k} クラスに対して訓練例が ${n} 個しか残りません。samples を増やすか test_fraction を小さくしてください`],
  [/^binary_cross_entropy needs a 2-class dataset \(this one has (\d+) classes\); use softmax_cross_entropy$/, (k) => `binary_cross_entropy には 2 クラスのデータセットが必要です（このデータセットは ${k} クラス）。softmax_cross_entropy を使ってください`],
  // ---- inline data (core/run/spec.cpp read_inline)
  [/^is required: an array of rows, each an array of numbers \(the features of one example\)$/, () => '必須です: 行の配列（各行は1例の特徴量を表す数の配列）'],
  [/^is required: the class of each row of x, integers 0, 1, … \(or give "targets", one real number per row, for regression\)$/, () => '必須です: x の各行のクラス（整数 0, 1, …）。回帰なら代わりに "targets"（各行に実数1つ）を指定してください'],
  [/^and y are exclusive: give class labels \(y\) or regression targets \(targets\), not both$/, () => 'と y は同時に指定できません: クラスラベル (y) か回帰の目標値 (targets) のどちらか一方を指定してください'],
  [/^must be an array of numbers, one per row of x, got (.+)$/s, (g) => `x の各行に1つずつの数の配列でなければなりません（入力: ${value(g)}）`],
  [/^has (\d+) values but x has (\d+) rows$/, (a, b) => `値が ${a} 個ありますが、x は ${b} 行です`],
  [/^is not available with regression targets \(staged training, a teacher and a curriculum need class labels\)$/, () => '回帰の目標値とは使えません（段階的な訓練・教師・カリキュラムにはクラスラベルが必要です）'],
  [/^must be a non-empty array of rows of numbers, got (.+)$/s, (g) => `数の行からなる空でない配列でなければなりません（入力: ${g}）`],
  [/^must be a non-empty array of numbers, got (.+)$/s, (g) => `空でない数の配列でなければなりません（入力: ${g}）`],
  [/^has (\d+) features; at most (\d+)$/, (a, b) => `特徴量が ${a} 個あります。最大 ${b} 個です`],
  [/^holds (\d+) rows × (\d+) features = (\d+) numbers; inline data may hold at most (\d+) \(use fewer rows or features\)$/, (r, f, n, m) => `${r} 行 × ${f} 特徴量 = ${n} 個の数があります。直接のデータは最大 ${m} 個です（行か特徴量を減らしてください）`],
  [/^has (\d+) features but row 0 has (\d+) \(every row needs the same number\)$/, (a, b) => `特徴量が ${a} 個ですが、行 0 は ${b} 個です（すべての行で同じ数が必要です）`],
  [/^must be a finite number \(within ±3\.4e38\), got (.+)$/s, (g) => `有限の数（±3.4e38 以内）でなければなりません（入力: ${g}）`],
  [/^must be an array of class labels 0, 1, …, got (.+)$/s, (g) => `クラスラベル 0, 1, … の配列でなければなりません（入力: ${g}）`],
  [/^has (\d+) labels but x has (\d+) rows$/, (a, b) => `ラベルが ${a} 個ありますが、x は ${b} 行です`],
  [/^must be a class label, an integer 0…(\d+), got (.+)$/s, (n, g) => `クラスラベル（0…${n} の整数）でなければなりません（入力: ${g}）`],
  [/^has only one class \((\d+)\); a classifier needs at least 2 classes$/, (c) => `クラスが1つ (${c}) しかありません。分類器には2クラス以上が必要です`],
  [/^has no example of class (\d+) \(labels run 0…(\d+); number the classes without gaps\)$/, (c, k) => `クラス ${c} の例がありません（ラベルは 0…${k}。クラスは欠番なしで番号を付けてください）`],
  [/^must be an array of (\d+) numbers, got (.+)$/s, (n, g) => `${n} 個の数の配列でなければなりません（入力: ${g}）`],
  // ---- formula surfaces (wasm/formula.js, core/run/surface_spec.cpp); math.js's own parse message stays as it is
  [/^must be a string \(a formula in x and y\), got (.+)$/s, (g) => `文字列（x と y の式）でなければなりません（入力: ${g}）`],
  [/^is empty: type f\(x, y\), for example (.+)$/s, (ex) => `空です: f(x, y) を入力してください。例: ${ex}`],
  [/^has (\d+) characters; at most (\d+)$/, (a, b) => `${a} 文字あります。最大 ${b} 文字です`],
  [/^is required: f\(x, y\) as a formula, for example (.+)$/s, (ex) => `必須です: 式としての f(x, y)。例: ${ex}`],
  [/^cannot be read: the formula parser \(math\.js, formula\.js\) did not load \((.*)\)$/s, (c) => `読めません: 式の解析器 (math.js, formula.js) を読み込めませんでした (${c})`],
  [/^cannot be read yet: the formula parser \(math\.js\) is still loading; try again in a moment$/, () => 'まだ読めません: 式の解析器 (math.js) を読み込み中です。少し待ってからもう一度試してください'],
  [/^a formula is parsed and differentiated by math\.js in the JavaScript runners: .*$/s, () => '式は JavaScript のランナーで math.js が解析・微分します: ページか `npm run -s optlab -- run` で実行してください（ネイティブのランナーには式の解析器がありません）'],
  [/^(.+) at character (\d+): (.*)$/s, (what, i, at) => `${what}（${i} 文字目）: ${at}`],
  [/^cannot be differentiated with respect to (\w+): (.*)$/s, (v, e) => `${v} で微分できません: ${e}`],
  [/^its derivatives are too long to evaluate \(more than (\d+) operations\)$/, (n) => `導関数が長すぎて評価できません（${n} 演算を超えます）`],
  // ---- continuation and landscapes (core/run/landscape.cpp, spec.cpp, surface_spec.cpp)
  [/^must be above (alpha_min|plane_min) \((.+)\); the (α range|plane) is empty$/, (k, v, what) => `${k} (${v}) より大きくなければなりません。${what === 'plane' ? '平面' : 'α の範囲'}が空です`],
  [/^line and plane are both false: nothing to compute; remove "landscape"$/, () => 'line と plane がどちらも false です: 計算するものがありません。"landscape" を削除してください'],
  [/^smooths a test surface's objective; it needs "problem" \(a network run has none\)$/, () => 'テスト関数の目的関数を平滑化するものなので "problem" が必要です（ネットワークの実行にはありません）'],
  [/^slices a network's loss; a test surface is its own landscape \(the contour view shows it\)$/, () => 'ネットワークの損失の断面をとるものです。テスト関数はそれ自体が地形です（等高線の表示に出ます）'],
  [/^(\d+) directions of (\d+) variables exceed (\d+) numbers; use fewer samples$/, (a, b, c) => `${b} 変数の方向 ${a} 個は ${c} 個の数を超えます。samples を減らしてください`],
  [/^(\d+) stages need at least as many steps \(steps is (\d+)\)$/, (a, b) => `${a} 段階には少なくとも同じ数のステップが必要です（steps は ${b}）`],
  // ---- the page's own checks before a value is sent (web/state.js, web/panels/*)
  [/^must be a number \(the field was empty or not a number\); kept (.*)$/s, (k) => `数でなければなりません（欄が空か数ではありません）。${k} のままにします`],
  [/^the number of hidden layers must be an integer from (\d+) to (\d+) \(got (.*)\)$/s, (a, b, g) => `隠れ層の数は ${a} から ${b} の整数でなければなりません（入力: ${g === 'nothing' ? 'なし' : g}）`],
  [/^must be (.+) \(got (.*)\)$/s, (r, g) => `${allowed(r)} でなければなりません（入力: ${g === 'nothing' ? 'なし' : g}）`],
  [/^at most (\d+) optimizers race at once$/, (n) => `同時に競争できるのは ${n} 手法までです`],
  // ---- the link's and the racers' problems (web/url-state.js, web/worker/*.js)
  [/^expected 1 or 0 \(got "(.*)"\); ignored$/s, (g) => `1 か 0 を指定してください（入力: "${g}"）。無視しました`],
  [/^expected a whole number from 0 to (\d+) \(got "(.*)"\); ignored$/s, (n, g) => `0 から ${n} の整数を指定してください（入力: "${g}"）。無視しました`],
  [/^the link’s list of optimizers is not a JSON list; ignored$/, () => 'リンクの最適化手法のリストが JSON のリストではありません。無視しました'],
  [/^one of (.+) \(got "(.*)"\); ignored$/s, (l, g) => `${l} のいずれかを指定してください（入力: "${g}"）。無視しました`],
  [/^(\d+) more optimizer\(s\) in the link were not raced, because the link's spec was rejected$/, (n) => `リンクの仕様が受け付けられなかったため、リンクにある残り ${n} 個の最適化手法は競争に加えていません`],
  [/^not an optimizer object \(racer (\d+) not raced\)$/, (n) => `最適化手法のオブジェクトではありません（手法 ${n} は競争に加えていません）`],
  // ---- formula surfaces: problem.view (core/run/surface_spec.cpp read_view)
  [/^must be \[xmin, xmax, ymin, ymax\] \(4 finite numbers\), got (.+)$/s, (g) => `[xmin, xmax, ymin, ymax]（有限の数 4 つ）でなければなりません（入力: ${value(g)}）`],
  [/^needs (xmin < xmax|ymin < ymax), got (.+) and (.+)$/s, (rel, a, b) => `${rel} が必要です（入力: ${a} と ${b}）`],
  [/^f is not defined at the start point (.+?): (.+); choose an x0 where f and its derivatives are finite$/s, (at, bad) => `f は初期点 ${at} で定義されていません: ${bad.replace('the Hessian has a non-finite entry', 'ヘッセ行列に有限でない要素があります')}。f とその導関数が有限になる x0 を選んでください`],
  // ---- races and changes (core/run/race.cpp, core/run/changes.cpp)
  [/^must be a list of (\d+) to (\d+) racer objects \(each a partial spec with an optional "label"\), got (.+)$/s, (a, b, g) => `${a} から ${b} 個の競争者オブジェクト（それぞれ "label" を付けてもよい部分的な仕様）のリストでなければなりません（入力: ${value(g)}）`],
  [/^must be an object \(a partial spec merged over the base spec\), got (.+)$/s, (g) => `オブジェクト（基本の仕様に重ねる部分的な仕様）でなければなりません（入力: ${value(g)}）`],
  [/^a racer cannot contain (\w+)$/, (k) => `競争者は ${k} を含められません`],
  [/^all racers are of one kind: the base spec trains a network, this racer walks a test surface \("problem"\)$/, () => '競争者はすべて同じ種類でなければなりません: 基本の仕様はネットワークを訓練しますが、この競争者はテスト関数 ("problem") を歩きます'],
  [/^all racers are of one kind: the base spec walks a test surface \("problem"\), this racer trains a network$/, () => '競争者はすべて同じ種類でなければなりません: 基本の仕様はテスト関数 ("problem") を歩きますが、この競争者はネットワークを訓練します'],
  [/^the racers together need (.+?); at most (.+?) fit in one race\. Use fewer racers, smaller networks or a larger log_every\.$/s, (need, most) => `競争者全体で ${need} が必要です。1回の競争に収まるのは最大 ${most} です。競争者を減らすか、ネットワークを小さくするか、log_every を大きくしてください。`],
  [/^must be a non-empty string of at most (\d+) bytes, got (.+)$/s, (n, g) => `空でない ${n} バイト以下の文字列でなければなりません（入力: ${value(g)}）`],
  [/^the method cannot change mid-run \(its state means nothing to another method\); race the other method instead \(racers\)$/, () => '手法は実行の途中で変えられません（その状態は別の手法には意味がありません）。代わりに別の手法を競争させてください (racers)'],
  [/^(\w+) keeps curvature state built with its options: only its lr and schedule can change mid-run$/, (m) => `${m} はそのオプションで作った曲率の状態を保持します: 途中で変えられるのは lr と schedule だけです`],
  [/^names no option: a change sets optimizer\.<option>, e\.g\. optimizer\.lr$/, () => 'どのオプションも指していません: 変更は optimizer.<オプション> を設定します（例: optimizer.lr）'],
  [/^must be an integer in \[(\d+), (\d+)\] \(at most the training set\) or "full", got (.+)$/s, (a, b, g) => `[${a}, ${b}] の範囲の整数（訓練集合の大きさまで）か "full" でなければなりません（入力: ${value(g)}）`],
  [/^must be an integer in \[(\d+), (\d+)\] \(a racer's index\), got (.+)$/s, (a, b, g) => `[${a}, ${b}] の範囲の整数（競争者の番号）でなければなりません（入力: ${value(g)}）`],
  [/^must be an integer in \[(\d+), (\d+)\] \(below the run's steps\), got (.+)$/s, (a, b, g) => `[${a}, ${b}] の範囲の整数（実行のステップ数未満）でなければなりません（入力: ${value(g)}）`],
  [/^names a racer, but this spec has no racers \(a racer's own spec lists its changes without "racer"\)$/, () => '競争者を指していますが、この仕様には競争者がありません（競争者自身の仕様は "racer" なしで変更を並べます）'],
  [/^cannot change mid-run: a change sets optimizer\.<option> or batch_size \(what changes the model or the data restarts the run\)$/, () => '実行の途中では変えられません: 変更が設定できるのは optimizer.<オプション> か batch_size です（モデルやデータを変えるものは実行をやり直します）'],
  [/^batch_norm needs minibatches of at least 2 examples$/, () => 'batch_norm には 2 例以上のミニバッチが必要です'],
  // ---- staged training, teacher and curriculum (core/run/stages_spec.cpp, core/run/changes.cpp)
  [/^must be true, false or an object, got (.+)$/s, (g) => `true, false またはオブジェクトでなければなりません（入力: ${value(g)}）`],
  [/^must be "all" or a list of "layers\[i\]", "output" and "regressor", got (.+)$/s, (g) => `"all" か、"layers[i]", "output", "regressor" のリストでなければなりません（入力: ${value(g)}）`],
  [/^must be "layers\[i\]", "output" or "regressor", got (.+)$/s, (g) => `"layers[i]", "output", "regressor" のいずれかでなければなりません（入力: ${value(g)}）`],
  [/^a hint stage trains the layers up to the guided layer and the regressor, not the output$/, () => 'ヒントの段階が訓練するのは導かれる層までの層と回帰器で、出力層は訓練しません'],
  [/^only a hint stage has a regressor$/, () => '回帰器があるのはヒントの段階だけです'],
  [/^(layers\[\d+\]) does not exist in this stage: it uses (\d+) hidden layers? of the network \((.+)\)$/s, (l, n, r) => `${l} はこの段階にはありません: この段階はネットワークの隠れ層を ${n} 個使います（${r.replace(' to ', ' から ')}）`],
  [/^unknown parameter group (.+); expected "layers\[i\]", "output" or "regressor"$/s, (g) => `未知のパラメータ群 ${g} です。"layers[i]", "output", "regressor" のいずれかを指定してください`],
  [/^is required \(an integer in \[(\d+), (\d+)\]\)$/, (a, b) => `必須です（[${a}, ${b}] の範囲の整数）`],
  [/^"teacher" needs a top-level "teacher" network \(e\.g\. (.+)\)$/s, (ex) => `"teacher" には最上位の "teacher" ネットワークが必要です（例: ${ex}）`],
  [/^trains the network, not the teacher$/, () => '訓練するのはネットワークで、教師ではありません'],
  [/^a stage is either a hint stage or a distillation stage, not both$/, () => '1つの段階はヒントの段階か蒸留の段階のどちらか一方です（両方にはできません）'],
  [/^needs a teacher: an earlier stage with "model": "teacher"$/, () => '教師が必要です: それより前に "model": "teacher" の段階を置いてください'],
  [/^the teacher has no hidden layer to give a hint$/, () => '教師にはヒントを与える隠れ層がありません'],
  [/^the network has no hidden layer to guide$/, () => 'ネットワークには導く隠れ層がありません'],
  [/^out of range: the (teacher|network) has (\d+) hidden layers? \((\d+) to (\d+)\), got (.+)$/s, (w, n, a, b, g) => `範囲外です: ${w === 'teacher' ? '教師' : 'ネットワーク'}の隠れ層は ${n} 個です（${a} から ${b}）（入力: ${g}）`],
  [/^needs network\.loss softmax_cross_entropy \(soft targets are class probabilities\)$/, () => 'network.loss が softmax_cross_entropy である必要があります（ソフトターゲットはクラス確率です）'],
  [/^only a plain stage of the network uses fewer hidden layers \((the teacher|a hint stage|a distillation stage) uses all (\d+)\), got (.+)$/s, (w, n, g) => `隠れ層を減らせるのはネットワークの通常の段階だけです（${{ 'the teacher': '教師', 'a hint stage': 'ヒントの段階', 'a distillation stage': '蒸留の段階' }[w]}は ${n} 個すべてを使います）（入力: ${g}）`],
  [/^the network has (\d+) hidden layers?, got (.+)$/s, (n, g) => `ネットワークの隠れ層は ${n} 個です（入力: ${g}）`],
  [/^unknown optimizer (.+); expected a name of optimizer\.name or an object$/s, (g) => `未知の最適化手法 ${g} です。optimizer.name の名前かオブジェクトを指定してください`],
  [/^iterate averaging is not available with stages( \(each stage starts from the last one's θ\))?$/, (why) => `段階的訓練では反復の平均は使えません${why ? '（各段階は前の段階の θ から始まります）' : ''}`],
  [/^compares every pair of training examples: at most (\d+) training examples \(this data set has (\d+)\); use "random"$/, (a, b) => `訓練例のすべての組を比べます: 訓練例は最大 ${a} 個です（このデータセットは ${b} 個）。"random" を使ってください`],
  [/^must be below the number of training examples \((\d+)\), got (.+)$/s, (n, g) => `訓練例の数 (${n}) より小さくなければなりません（入力: ${value(g)}）`],
  [/^cannot be combined with single_pass \(a single pass has no easy-first order\)$/, () => 'single_pass とは組み合わせられません（1回のパスには易しい順の並びがありません）'],
  [/^is only used by stages \((.+)\)$/s, (ex) => `stages でだけ使われます（${ex}）`],
  [/^must be a non-empty array of stage objects \((.+)\), got (.+)$/s, (ex, g) => `段階オブジェクト（${ex}）の空でない配列でなければなりません（入力: ${value(g)}）`],
  [/^at most (\d+) stages$/, (n) => `段階は ${n} 個までです`],
  [/^take (\d+) steps in all; at most (\d+)$/, (a, b) => `全部で ${a} ステップかかります。最大 ${b} です`],
  [/^the stages take (\d+) steps in all; leave steps out or set it to (\d+)$/, (a, b) => `段階は全部で ${a} ステップかかります。steps を省くか ${b} にしてください`],
  [/^not available with stages( \((.+)\))?$/s, (p, why) => `段階的訓練では使えません${why ? `（${{ 'the parameter vector changes between stages': 'パラメータベクトルが段階の間で変わります', 'θ₀ and θ of the last stage are different networks': 'θ₀ と最後の段階の θ は別のネットワークです' }[why] ?? why}）` : ''}`],
  [/^batch_norm is not available with stages \(its running statistics are not carried between stages\)$/, () => '段階的訓練では batch_norm は使えません（移動統計量が段階の間で引き継がれません）'],
  [/^no stage trains it: add a stage with "model": "teacher"$/, () => 'どの段階も訓練しません: "model": "teacher" の段階を加えてください'],
  [/^must be the network's loss \((\w+)\)$/, (l) => `ネットワークの損失 (${l}) と同じでなければなりません`],
  [/^a staged run takes no changes: each stage sets its own optimizer and restarts its schedule \(give the stage the optimizer it needs\)$/, () => '段階的訓練には変更 (changes) を付けられません: 各段階が自分の最適化手法を設定し、スケジュールを最初から始めます（必要な最適化手法をその段階に指定してください）'],
  [/^cannot change with a curriculum \(its paced minibatches have the spec's batch_size\)$/, () => 'カリキュラムがあると変えられません（ペースに従うミニバッチは仕様の batch_size の大きさです）'],
  // ---- recurrent layers, sequence data sets, the repeated-multiplication readout (core/run/spec.cpp,
  // core/run/repeated_multiplication.cpp; docs/recurrent.md)
  [/^only the first layer can be recurrent \(it reads the sequence\); this is layer (\d+)$/, (i) => `再帰層にできるのは最初の層だけです（系列を読むため）。これは層 ${i} です`],
  [/^(rnn|lstm) needs a sequence data set \(dataset\.name "recall" or "adding"\), not "(.*)"$/s, (t, d) => `${t} には系列データセット（dataset.name "recall" または "adding"）が必要です（"${d}" ではなく）`],
  [/^a recurrent layer takes no normalization$/, () => '再帰層には正規化を付けられません'],
  [/^an lstm layer has its own gate functions \(σ and tanh\); leave activation out or "tanh"$/, () => 'lstm 層には固有のゲート関数（σ と tanh）があります。activation を省くか "tanh" にしてください'],
  [/^the (\w+) problem has real-valued targets \(regression\); use mean_squared_error$/, (d) => `${d} 問題の目標は実数値です（回帰）。mean_squared_error を使ってください`],
  [/^class_prior needs class labels; the (\w+) problem is regression$/, (d) => `class_prior にはクラスラベルが必要です。${d} 問題は回帰です`],
  [/^needs a recurrent first layer \(network\.layers\[0\]\.type "rnn" or "lstm"\)$/, () => '最初の層が再帰層である必要があります（network.layers[0].type が "rnn" または "lstm"）'],
  [/^per-layer statistics are not available for the regression data set "(.*)"$/s, (d) => `回帰のデータセット "${d}" では層ごとの統計量は使えません`],
  [/^needs dense hidden layers \(network\.layers\[0\] is (\w+)\)$/, (t) => `全結合の隠れ層が必要です（network.layers[0] は ${t} です）`],
  [/^is not available with the sequence data set "(.*)" \(staged training, a teacher and a curriculum take point or given data\)$/s, (d) => `系列データセット "${d}" では使えません（段階的訓練、教師、カリキュラムは点のデータか与えられたデータで使います）`],
  [/^a spec with "readout" computes a readout and has no (\w+); remove either "readout" or "\1"$/, (k) => `"readout" のある仕様は測定を計算するもので、${k} はありません。"readout" か "${k}" のどちらかを削除してください`],
  [/^must be an array of 1 to (\d+) numbers$/, (n) => `1 から ${n} 個の数の配列でなければなりません`],
  [/^give either eigenvalues or dim and spectral_radius, not both$/, () => 'eigenvalues か、dim と spectral_radius の組か、どちらか一方だけを指定してください'],
  [/^max\|λ\|\^length = 10\^(\d+) overflows a double; use a shorter length or a smaller spectral radius$/, (e) => `max|λ|^length = 10^${e} は double の範囲を超えます。length を短くするかスペクトル半径を小さくしてください`],
  [/^a readout has no optimizer or minibatch to change$/, () => '測定には変更できる最適化手法もミニバッチもありません'],
  // ---- runs that stop (Run::stop_diverged, divergence_cause)
  [/^diverged at step (\d+): (.+?)( \(learning rate (\S+) may be too large\))?$/s, (k, cause, hint, lr) => `ステップ ${k} で発散: ${cause_(cause)}${hint ? `（学習率 ${lr} が大きすぎる可能性があります）` : ''}`],
  [/^stopped at step (\d+): (.+)$/s, (k, why) => `ステップ ${k} で停止: ${cause_(why)}`],
  // The general form last: "must be <what>, got <value>" (<what> may still be English: the test says so).
  [/^must be (.+?), got (.+)$/s, (l, g) => `${l} でなければなりません（入力: ${value(g)}）`],
];

const CAUSES = [
  [/^on a minibatch, (.+)$/s, (c) => `ミニバッチ上で、${cause_(c)}`],
  [/^on the training set, (.+)$/s, (c) => `訓練集合上で、${cause_(c)}`],
  [/^(.+) at the start point x0$/s, (c) => `初期点 x0 で ${cause_(c)}`],
  [/^the parameters became infinite or NaN$/, () => 'パラメータが無限大か NaN になりました'],
  [/^newton: the Hessian is not finite here$/, () => 'newton: ここではヘッセ行列が有限ではありません'],
  [/^newton: the Hessian is singular here \(an eigenvalue of H \+ damping·I is 0\); set optimizer\.damping > 0$/, () => 'newton: ここではヘッセ行列が特異です（H + damping·I の固有値が 0）。optimizer.damping > 0 にしてください'],
  [/^the loss became NaN$/, () => '損失が NaN になりました'],
  [/^the loss overflowed to \+∞$/, () => '損失が +∞ にあふれました'],
  [/^the gradient became NaN$/, () => '勾配が NaN になりました'],
  [/^the gradient overflowed \(its norm exceeds 1\.8e308\)$/, () => '勾配があふれました（ノルムが 1.8e308 を超えました）'],
  [/^the objective ran off to −∞ \(f = (.+); it is unbounded below along this path\)$/s, (f) => `目的関数が −∞ に発散しました（f = ${f}。この経路では下に有界ではありません）`],
  [/^the initial parameters are not finite: (.+) gives values beyond the range of float parameters \(±3\.4e38\)$/s, (w) => `初期パラメータが有限ではありません: ${w} が float の範囲 (±3.4e38) を超える値を与えます`],
  [/^the loss at the initial parameters is (NaN|infinite): the forward pass overflows \(the initial weights or biases are too large\)$/, (w) => `初期パラメータでの損失が${w === 'NaN' ? ' NaN' : '無限大'}です: 順伝播があふれます（初期の重みかバイアスが大きすぎます）`],
];
// The quantities and advice of the resource limits (core/run/spec_limits.cpp).
const LIMIT_PHRASES = [
  [/^the network's parameter count$/, 'ネットワークのパラメータ数'],
  [/^activations held at once \(the whole training set × the layers' widths\)$/, '同時に保持する活性（訓練集合全体 × 層の幅）'],
  [/^activations held at once \(one minibatch or 256 rows × the layers' widths\)$/, '同時に保持する活性（1 ミニバッチまたは 256 行 × 層の幅）'],
  [/^the trace's logged rows × columns \((.+)\)$/, '記録する行数 × 列数（$1）'],
  [/^the parameter trace's logged rows × parameters \((.+)\)$/, 'パラメータの記録の行数 × パラメータ数（$1）'],
  [/^traced steps × hidden layers × statistics of h and dL\/dh$/, '記録するステップ × 隠れ層 × h と dL/dh の統計量'],
  [/^the curvature readouts' work \(at every logged row, in multiply-adds\)$/, '曲率の測定の計算量（記録する各行で、積和の回数）'],
  [/^Use fewer or narrower layers \(each layer has inputs × units \+ units parameters\)\.$/, '層を減らすか細くしてください（各層のパラメータは 入力数 × ユニット数 + ユニット数）。'],
  [/^Curvature readouts evaluate the whole training set at once: use fewer samples or narrower layers\.$/, '曲率の測定は訓練集合全体を一度に評価します: samples を減らすか層を細くしてください。'],
  [/^Use narrower layers\.$/, '層を細くしてください。'],
  [/^the teacher's parameter count$/, '教師のパラメータ数'],
  [/^the teacher's activations and its hint targets for the training set$/, '教師の活性と訓練集合全体のヒントの目標'],
  [/^Use fewer or narrower layers\.$/, '層を減らすか細くしてください。'],
  [/^the data set's values \(samples × inputs per example\)$/, 'データセットの値の数（サンプル数 × 1 例あたりの入力数）'],
  [/^Use fewer samples or shorter sequences\.$/, 'samples を減らすか系列を短くしてください。'],
  [/^Log less often: raise log_every \(the runners print rows as they go, the page keeps them all\)\.$/, '記録の間隔を広げてください: log_every を大きくします（ランナーは行を順に出力し、ページはすべて保持します）。'],
  [/^Turn trace\.params off or raise log_every\.$/, 'trace.params をオフにするか log_every を大きくしてください。'],
  [/^Trace fewer steps\.$/, '記録するステップを減らしてください。'],
  [/^Log less often, use fewer lanczos_steps or a smaller problem\.$/, '記録の間隔を広げるか、lanczos_steps を減らすか、小さな問題にしてください。'],
];
function limitText(s) {
  for (const [re, to] of LIMIT_PHRASES) if (re.test(s)) return s.replace(re, to);
  return s;
}
function cause_(c) { return apply(CAUSES, c) ?? c; }

function apply(table, text) {
  for (const [re, build] of table) {
    const m = re.exec(text);
    if (m) return build(...m.slice(1));
  }
  return null;
}

/** Whether a core message text (without its "field: " prefix) has a Japanese entry. */
export function hasJapanese(text) {
  const ja = apply(TEMPLATES, text);
  return ja !== null && !/\b(?:must|got|unknown|expected|allowed|required|diverged)\b/.test(ja.replace(/"[^"]*"/g, ''));
}

/**
 * A core message in language `lang`: message = "<field>: <text>" (field given, or "" when the
 * message has no field prefix, as a run's stop). English, or a text without an entry, is returned as it is.
 */
export function localizeCoreMessage(message, field = '', lang = 'en') {
  if (lang !== 'ja' || typeof message !== 'string') return message;
  // A racer's problem: "racer 2: optimizer.lr: must be …" (field "racer 2 optimizer.lr").
  const racer = /^racer (\d+): (([A-Za-z_][\w.[\]]*): .*)$/s.exec(message);
  if (racer) return `手法 ${racer[1]}: ${localizeCoreMessage(racer[2], racer[3], lang)}`;
  const prefix = field && message.startsWith(`${field}: `) ? `${field}: ` : '';
  const ja = apply(TEMPLATES, message.slice(prefix.length));
  return ja === null ? message : prefix + ja;
}

/** A text of one or more lines, each "<field>: <text>" or a bare core text, in language `lang`. */
export function localizeLines(text, lang = 'en') {
  if (lang !== 'ja' || typeof text !== 'string') return text;
  return text.split('\n').map((line) => {
    const m = /^([A-Za-z_][\w.[\]]*): /.exec(line);
    return localizeCoreMessage(line, m ? m[1] : '', lang);
  }).join('\n');
}
