" Vim syntax file
" Language:    Keel IDL (service interfaces of the Keel microkernel, docs/idl.md)
" Filenames:   *.idl (see ../ftdetect/keelidl.vim)
" The word lists are checked against the compiler by //tools/editor:grammar_test.

if exists("b:current_syntax")
  finish
endif
let s:cpo_save = &cpo
set cpo&vim

syn case match

" Where several items match at the same column, the one defined last wins: the catch-alls
" come first.
syn match keelidlError /[^ \t\r\nA-Za-z0-9_;:,.{}()<>|=@]/
syn match keelidlBadNumber /\%(-\|\w\@<!\)\d\w*/
syn match keelidlNumber /\%(-\|\w\@<!\)\%(0x\x\+\|0\|[1-9]\d*\)\w\@!/
syn match keelidlOrdinal /\w\@<!\%(0x\x\+\|0\|[1-9]\d*\)\ze\s*:/
syn match keelidlOperator /->\||\|=/

syn keyword keelidlKeyword library reserved oneway error event
syn keyword keelidlStructure const enum struct interface
syn keyword keelidlBuiltinType string bytes array cap
syn keyword keelidlPrimitive u8 u16 u32 u64 i8 i16 i32 i64 bool
" Capability types and rights are words only inside cap<...> and @rights(...).
syn keyword keelidlCapType contained endpoint channel memory irq ioport unit thread notification
syn keyword keelidlRight contained READ WRITE EXECUTE GRANT ADMIN

syn match keelidlTypeName /\<\u\w*\>/
syn match keelidlConstant /\<\u[A-Z0-9_]*\>/
syn match keelidlField /\<\l\w*\ze\s*:/
syn match keelidlFunction /\<\l\w*\ze\s*(/
syn match keelidlTypeDecl /\%(\<\%(struct\|enum\|interface\)\s\+\)\@<=\h\w*/
syn match keelidlLibName /\%(\<library\s\+\)\@<=\l[a-z0-9]*\%(\.\l[a-z0-9]*\)*/

syn match keelidlAttribute /@\s*\h\w*/
syn region keelidlAttrArgs start=/\%(@\s*\h\w*\s*\)\@<=(/ end=/)/ end=/[;{}]\@=/ transparent
      \ contains=keelidlRight,keelidlNumber,keelidlBadNumber,keelidlOperator,keelidlConstant,
      \keelidlTypeName,keelidlComment,keelidlDocComment,keelidlError
syn region keelidlCapArgs start=/\%(\<cap\s*\)\@<=</ end=/>/ end=/[;{}()]\@=/ transparent
      \ contains=keelidlCapType,keelidlRight,keelidlOperator,keelidlConstant,keelidlTypeName,
      \keelidlComment,keelidlDocComment,keelidlError

syn keyword keelidlTodo contained TODO FIXME XXX
" Characters idlc refuses anywhere, comments included: control characters and the
" bidirectional overrides that make text read differently from how tools see it.
syn match keelidlForbidden contained
      \ /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]\|[\u202a-\u202e]\|[\u2066-\u2069]/
syn match keelidlComment +//.*+ contains=keelidlTodo,keelidlForbidden,@Spell
" /// documents the next item; //// is an ordinary comment.
syn match keelidlDocComment +///\%(/\)\@!.*+ contains=keelidlTodo,keelidlForbidden,@Spell

syn sync fromstart

hi def link keelidlError Error
hi def link keelidlForbidden Error
hi def link keelidlBadNumber Error
hi def link keelidlNumber Number
hi def link keelidlOrdinal Number
hi def link keelidlOperator Operator
hi def link keelidlKeyword Keyword
hi def link keelidlStructure Structure
hi def link keelidlBuiltinType Type
hi def link keelidlPrimitive Type
hi def link keelidlCapType Type
hi def link keelidlRight Special
hi def link keelidlTypeName Type
hi def link keelidlConstant Constant
hi def link keelidlField Identifier
hi def link keelidlFunction Function
hi def link keelidlTypeDecl Typedef
hi def link keelidlLibName Identifier
hi def link keelidlAttribute PreProc
hi def link keelidlTodo Todo
hi def link keelidlComment Comment
hi def link keelidlDocComment SpecialComment

let b:current_syntax = "keelidl"
let &cpo = s:cpo_save
unlet s:cpo_save
