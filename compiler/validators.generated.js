// GENERATED FILE: do not edit. Made by scripts/gen-validators.ts from schemas/*.schema.json
// (ajv standalone code, refs inlined). Regenerate with `npm run gen:validators`;
// test/schema-validators-fresh.test.ts fails when this file is stale.
/* eslint-disable */
"use strict";
export const validateAgent = validate20;
const schema31 = {"$id":"https://cork.dev/schemas/agent.schema.json","title":"cork agent","type":"object","additionalProperties":false,"properties":{"bottle":{"title":"bottle","type":"string","pattern":"^[a-z][a-z0-9-]*$"},"bottles":{"title":"bottles","type":"array","items":{"title":"bottle name","type":"string","pattern":"^[a-z][a-z0-9-]*$"},"minItems":1,"uniqueItems":true},"skills":{"title":"skills","type":"array","uniqueItems":true,"items":{"title":"skill","type":"string","minLength":1}},"git-gate":{"title":"git gate","type":"object","additionalProperties":false,"properties":{"user":{"title":"git user","type":"object","additionalProperties":false,"properties":{"name":{"title":"name","type":"string","minLength":1},"email":{"title":"email","type":"string","pattern":"^[^\\s@]+@[^\\s@]+$"}}}}},"budget":{"title":"budget","type":"object","additionalProperties":false,"properties":{"cutoff":{"title":"cutoff policy","type":"string","enum":["cutoff","freeze","kill"]}},"patternProperties":{"^(?!cutoff$)[a-z][a-z0-9._-]*$":{"title":"provider budget","oneOf":[{"title":"token count","type":"integer","minimum":1},{"title":"token limit with window","type":"object","additionalProperties":false,"required":["tokens"],"properties":{"tokens":{"title":"tokens","type":"integer","minimum":1},"window":{"title":"window","type":"string","pattern":"^[1-9][0-9]*[mhdw]$"}}}]}}},"name":{"title":"name","type":"string"},"description":{"title":"description","type":"string"},"model":{"title":"model","type":"string"},"color":{"title":"color","type":"string"},"memory":{"title":"memory","type":"string"},"tools":{"title":"tools","oneOf":[{"title":"comma-separated string","type":"string"},{"title":"list of tool names","type":"array","items":{"title":"tool","type":"string"}}]}}};
const func1 = Object.prototype.hasOwnProperty;
const func2 = (function ucs2length(str) {
    const len = str.length;
    let length = 0;
    let pos = 0;
    let value;
    while (pos < len) {
        length++;
        value = str.charCodeAt(pos++);
        if (value >= 0xd800 && value <= 0xdbff && pos < len) {
            // high surrogate, and there is a next character
            value = str.charCodeAt(pos);
            if ((value & 0xfc00) === 0xdc00)
                pos++; // low surrogate
        }
    }
    return length;
});
const pattern4 = new RegExp("^[a-z][a-z0-9-]*$", "u");
const pattern6 = new RegExp("^[^\\s@]+@[^\\s@]+$", "u");
const pattern7 = new RegExp("^(?!cutoff$)[a-z][a-z0-9._-]*$", "u");
const pattern9 = new RegExp("^[1-9][0-9]*[mhdw]$", "u");

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://cork.dev/schemas/agent.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func1.call(schema31.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0}};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.bottle !== undefined){
let data0 = data.bottle;
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
const err1 = {instancePath:instancePath+"/bottle",schemaPath:"#/properties/bottle/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9-]*$"}};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/bottle",schemaPath:"#/properties/bottle/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.bottles !== undefined){
let data1 = data.bottles;
if(Array.isArray(data1)){
if(data1.length < 1){
const err3 = {instancePath:instancePath+"/bottles",schemaPath:"#/properties/bottles/minItems",keyword:"minItems",params:{limit: 1}};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(!pattern4.test(data2)){
const err4 = {instancePath:instancePath+"/bottles/" + i0,schemaPath:"#/properties/bottles/items/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9-]*$"}};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/bottles/" + i0,schemaPath:"#/properties/bottles/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data1[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err6 = {instancePath:instancePath+"/bottles",schemaPath:"#/properties/bottles/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0}};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err7 = {instancePath:instancePath+"/bottles",schemaPath:"#/properties/bottles/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.skills !== undefined){
let data3 = data.skills;
if(Array.isArray(data3)){
const len1 = data3.length;
for(let i2=0; i2<len1; i2++){
let data4 = data3[i2];
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err8 = {instancePath:instancePath+"/skills/" + i2,schemaPath:"#/properties/skills/items/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/skills/" + i2,schemaPath:"#/properties/skills/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
let i3 = data3.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data3[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err10 = {instancePath:instancePath+"/skills",schemaPath:"#/properties/skills/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1}};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err11 = {instancePath:instancePath+"/skills",schemaPath:"#/properties/skills/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data["git-gate"] !== undefined){
let data5 = data["git-gate"];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key1 in data5){
if(!(key1 === "user")){
const err12 = {instancePath:instancePath+"/git-gate",schemaPath:"#/properties/git-gate/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1}};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data5.user !== undefined){
let data6 = data5.user;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
for(const key2 in data6){
if(!((key2 === "name") || (key2 === "email"))){
const err13 = {instancePath:instancePath+"/git-gate/user",schemaPath:"#/properties/git-gate/properties/user/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2}};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data6.name !== undefined){
let data7 = data6.name;
if(typeof data7 === "string"){
if(func2(data7) < 1){
const err14 = {instancePath:instancePath+"/git-gate/user/name",schemaPath:"#/properties/git-gate/properties/user/properties/name/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/git-gate/user/name",schemaPath:"#/properties/git-gate/properties/user/properties/name/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data6.email !== undefined){
let data8 = data6.email;
if(typeof data8 === "string"){
if(!pattern6.test(data8)){
const err16 = {instancePath:instancePath+"/git-gate/user/email",schemaPath:"#/properties/git-gate/properties/user/properties/email/pattern",keyword:"pattern",params:{pattern: "^[^\\s@]+@[^\\s@]+$"}};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/git-gate/user/email",schemaPath:"#/properties/git-gate/properties/user/properties/email/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
}
else {
const err18 = {instancePath:instancePath+"/git-gate/user",schemaPath:"#/properties/git-gate/properties/user/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
else {
const err19 = {instancePath:instancePath+"/git-gate",schemaPath:"#/properties/git-gate/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.budget !== undefined){
let data9 = data.budget;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key3 in data9){
if(!((key3 === "cutoff") || (pattern7.test(key3)))){
const err20 = {instancePath:instancePath+"/budget",schemaPath:"#/properties/budget/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3}};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data9.cutoff !== undefined){
let data10 = data9.cutoff;
if(typeof data10 !== "string"){
const err21 = {instancePath:instancePath+"/budget/cutoff",schemaPath:"#/properties/budget/properties/cutoff/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(!(((data10 === "cutoff") || (data10 === "freeze")) || (data10 === "kill"))){
const err22 = {instancePath:instancePath+"/budget/cutoff",schemaPath:"#/properties/budget/properties/cutoff/enum",keyword:"enum",params:{allowedValues: schema31.properties.budget.properties.cutoff.enum}};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
for(const key4 in data9){
if(pattern7.test(key4)){
let data11 = data9[key4];
const _errs28 = errors;
let valid11 = false;
let passing0 = null;
const _errs29 = errors;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err23 = {instancePath:instancePath+"/budget/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/0/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 < 1 || isNaN(data11)){
const err24 = {instancePath:instancePath+"/budget/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
var _valid0 = _errs29 === errors;
if(_valid0){
valid11 = true;
passing0 = 0;
}
const _errs31 = errors;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.tokens === undefined){
const err25 = {instancePath:instancePath+"/budget/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/required",keyword:"required",params:{missingProperty: "tokens"}};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
for(const key5 in data11){
if(!((key5 === "tokens") || (key5 === "window"))){
const err26 = {instancePath:instancePath+"/budget/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5}};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data11.tokens !== undefined){
let data12 = data11.tokens;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err27 = {instancePath:instancePath+"/budget/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/tokens",schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/tokens/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 < 1 || isNaN(data12)){
const err28 = {instancePath:instancePath+"/budget/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/tokens",schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/tokens/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
if(data11.window !== undefined){
let data13 = data11.window;
if(typeof data13 === "string"){
if(!pattern9.test(data13)){
const err29 = {instancePath:instancePath+"/budget/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/window",schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/window/pattern",keyword:"pattern",params:{pattern: "^[1-9][0-9]*[mhdw]$"}};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/budget/" + key4.replace(/~/g, "~0").replace(/\//g, "~1")+"/window",schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/window/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/budget/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
var _valid0 = _errs31 === errors;
if(_valid0 && valid11){
valid11 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid11 = true;
passing0 = 1;
}
}
if(!valid11){
const err32 = {instancePath:instancePath+"/budget/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf",keyword:"oneOf",params:{passingSchemas: passing0}};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
else {
errors = _errs28;
if(vErrors !== null){
if(_errs28){
vErrors.length = _errs28;
}
else {
vErrors = null;
}
}
}
}
}
}
else {
const err33 = {instancePath:instancePath+"/budget",schemaPath:"#/properties/budget/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.name !== undefined){
if(typeof data.name !== "string"){
const err34 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.description !== undefined){
if(typeof data.description !== "string"){
const err35 = {instancePath:instancePath+"/description",schemaPath:"#/properties/description/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data.model !== undefined){
if(typeof data.model !== "string"){
const err36 = {instancePath:instancePath+"/model",schemaPath:"#/properties/model/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.color !== undefined){
if(typeof data.color !== "string"){
const err37 = {instancePath:instancePath+"/color",schemaPath:"#/properties/color/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data.memory !== undefined){
if(typeof data.memory !== "string"){
const err38 = {instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data.tools !== undefined){
let data19 = data.tools;
const _errs49 = errors;
let valid13 = false;
let passing1 = null;
const _errs50 = errors;
if(typeof data19 !== "string"){
const err39 = {instancePath:instancePath+"/tools",schemaPath:"#/properties/tools/oneOf/0/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
var _valid1 = _errs50 === errors;
if(_valid1){
valid13 = true;
passing1 = 0;
}
const _errs52 = errors;
if(Array.isArray(data19)){
const len2 = data19.length;
for(let i4=0; i4<len2; i4++){
if(typeof data19[i4] !== "string"){
const err40 = {instancePath:instancePath+"/tools/" + i4,schemaPath:"#/properties/tools/oneOf/1/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/tools",schemaPath:"#/properties/tools/oneOf/1/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
var _valid1 = _errs52 === errors;
if(_valid1 && valid13){
valid13 = false;
passing1 = [passing1, 1];
}
else {
if(_valid1){
valid13 = true;
passing1 = 1;
}
}
if(!valid13){
const err42 = {instancePath:instancePath+"/tools",schemaPath:"#/properties/tools/oneOf",keyword:"oneOf",params:{passingSchemas: passing1}};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
else {
errors = _errs49;
if(vErrors !== null){
if(_errs49){
vErrors.length = _errs49;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err43 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const validateBottle = validate21;
const schema32 = {"$id":"https://cork.dev/schemas/bottle.schema.json","title":"cork bottle","type":"object","additionalProperties":false,"properties":{"extends":{"title":"extends","oneOf":[{"title":"bottle name","type":"string","pattern":"^[a-z][a-z0-9-]*$"},{"title":"list of bottle names","type":"array","items":{"title":"bottle name","type":"string","pattern":"^[a-z][a-z0-9-]*$"},"minItems":1,"uniqueItems":true}]},"env":{"title":"environment","type":"object","additionalProperties":false,"patternProperties":{"^[A-Za-z_][A-Za-z0-9_]*$":{"title":"environment variable value","type":"string"}}},"agent_provider":{"title":"agent provider","type":"object","additionalProperties":false,"properties":{"template":{"title":"template","type":"string","pattern":"^[a-z][a-z0-9._-]*$"},"host":{"title":"API host","type":"string","maxLength":253,"pattern":"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$"},"auth_token":{"title":"auth token variable","type":"string","pattern":"^[A-Z_][A-Z0-9_]*$"},"forward_host_credentials":{"title":"forward host credentials","type":"boolean"},"dockerfile":{"title":"Dockerfile","type":"string","minLength":1},"startup_args":{"title":"startup arguments","type":"array","items":{"title":"argument","type":"string"}}}},"git-gate":{"title":"git gate","type":"object","additionalProperties":false,"properties":{"user":{"title":"git user","type":"object","additionalProperties":false,"properties":{"name":{"title":"name","type":"string","minLength":1},"email":{"title":"email","type":"string","pattern":"^[^\\s@]+@[^\\s@]+$"}}},"repos":{"title":"repositories","type":"object","additionalProperties":false,"patternProperties":{"^[A-Za-z0-9][A-Za-z0-9._-]*$":{"title":"repository","type":"object","additionalProperties":false,"properties":{"url":{"title":"URL","type":"string","minLength":1},"key":{"title":"SSH key","type":"string","minLength":1},"host_key":{"title":"SSH host key","type":"string","minLength":1}}}}}}},"egress":{"title":"egress","type":"object","additionalProperties":false,"properties":{"log":{"title":"log level","type":"integer","enum":[0,1,2]},"routes":{"title":"routes","type":"array","items":{"title":"route","type":"object","additionalProperties":false,"required":["host"],"properties":{"host":{"title":"host","type":"string","maxLength":253,"pattern":"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$"},"auth":{"title":"auth","type":"object","additionalProperties":false,"properties":{"scheme":{"title":"scheme","type":"string","enum":["Bearer","token"]},"token_ref":{"title":"token variable","type":"string","pattern":"^[A-Z_][A-Z0-9_]*$"}}},"matches":{"title":"matches","type":"array","minItems":1,"items":{"title":"match entry","type":"object","additionalProperties":false,"minProperties":1,"properties":{"paths":{"title":"paths","type":"array","minItems":1,"items":{"title":"path match","type":"object","additionalProperties":false,"required":["type","value"],"properties":{"type":{"title":"type","type":"string","enum":["prefix","exact","regex"]},"value":{"title":"value","type":"string","minLength":1}}}},"methods":{"title":"methods","type":"array","minItems":1,"uniqueItems":true,"items":{"title":"method","type":"string","pattern":"^[A-Za-z]+$"}},"headers":{"title":"headers","type":"array","minItems":1,"items":{"title":"header match","type":"object","additionalProperties":false,"required":["name","value"],"properties":{"name":{"title":"name","type":"string","pattern":"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"},"value":{"title":"value","type":"string"},"type":{"title":"type","type":"string","enum":["exact","regex"]}}}}}}},"git":{"title":"git","type":"object","additionalProperties":false,"properties":{"fetch":{"title":"fetch","type":"boolean"}}},"dlp":{"title":"data loss prevention","oneOf":[{"title":"false","const":false},{"title":"DLP settings","type":"object","additionalProperties":false,"properties":{"outbound_detectors":{"title":"outbound detectors","oneOf":[{"title":"false","const":false},{"title":"list of detector ids","type":"array","uniqueItems":true,"items":{"title":"detector id","type":"string","minLength":1}}]},"inbound_detectors":{"title":"inbound detectors","oneOf":[{"title":"false","const":false},{"title":"list of detector ids","type":"array","uniqueItems":true,"items":{"title":"detector id","type":"string","minLength":1}}]},"outbound_on_match":{"title":"on outbound match","type":"string","enum":["block","redact","supervise"]}}}]},"trusted":{"title":"trusted","type":"boolean"}}}}}},"budget":{"title":"budget","type":"object","additionalProperties":false,"properties":{"cutoff":{"title":"cutoff policy","type":"string","enum":["cutoff","freeze","kill"]}},"patternProperties":{"^(?!cutoff$)[a-z][a-z0-9._-]*$":{"title":"provider budget","oneOf":[{"title":"token count","type":"integer","minimum":1},{"title":"token limit with window","type":"object","additionalProperties":false,"required":["tokens"],"properties":{"tokens":{"title":"tokens","type":"integer","minimum":1},"window":{"title":"window","type":"string","pattern":"^[1-9][0-9]*[mhdw]$"}}}]}}},"approvals":{"title":"approvals","type":"object","additionalProperties":false,"properties":{"rules":{"title":"rules","type":"array","items":{"title":"approval rule","type":"object","additionalProperties":false,"required":["match","action"],"properties":{"match":{"title":"match","type":"object","additionalProperties":false,"properties":{"category":{"title":"category","type":"string","enum":["egress","dlp","budget"]},"tool":{"title":"tool","type":"string","minLength":1},"host":{"title":"host","type":"string","minLength":1},"cost_over":{"title":"cost over","type":"integer","minimum":0}}},"action":{"title":"action","type":"string","enum":["auto_approve","auto_reject","block"]}}}},"default":{"title":"default action","type":"string","enum":["auto_approve","auto_reject","block"]},"ttl_seconds":{"title":"TTL (seconds)","type":"integer","minimum":1}}},"plugins":{"title":"plugins","type":"array","items":{"title":"plugin","type":"object","additionalProperties":false,"required":["use"],"properties":{"use":{"title":"use","type":"string","pattern":"^(?:[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+|\\./(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.(?:ts|mts|js|mjs))$"},"options":{"title":"options","type":"object"}}}},"rule_of_two":{"title":"Rule of Two waiver","type":"object","additionalProperties":false,"required":["waive","justification"],"properties":{"waive":{"title":"waive","type":"boolean"},"justification":{"title":"justification","type":"string"}}}}};
const pattern12 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
const pattern14 = new RegExp("^[a-z][a-z0-9._-]*$", "u");
const pattern15 = new RegExp("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$", "u");
const pattern16 = new RegExp("^[A-Z_][A-Z0-9_]*$", "u");
const pattern18 = new RegExp("^[A-Za-z0-9][A-Za-z0-9._-]*$", "u");
const pattern22 = new RegExp("^[A-Za-z]+$", "u");
const pattern23 = new RegExp("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$", "u");
const pattern27 = new RegExp("^(?:[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+|\\./(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.(?:ts|mts|js|mjs))$", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://cork.dev/schemas/bottle.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func1.call(schema32.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0}};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.extends !== undefined){
let data0 = data.extends;
const _errs3 = errors;
let valid1 = false;
let passing0 = null;
const _errs4 = errors;
if(typeof data0 === "string"){
if(!pattern4.test(data0)){
const err1 = {instancePath:instancePath+"/extends",schemaPath:"#/properties/extends/oneOf/0/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9-]*$"}};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/extends",schemaPath:"#/properties/extends/oneOf/0/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
var _valid0 = _errs4 === errors;
if(_valid0){
valid1 = true;
passing0 = 0;
}
const _errs6 = errors;
if(Array.isArray(data0)){
if(data0.length < 1){
const err3 = {instancePath:instancePath+"/extends",schemaPath:"#/properties/extends/oneOf/1/minItems",keyword:"minItems",params:{limit: 1}};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 === "string"){
if(!pattern4.test(data1)){
const err4 = {instancePath:instancePath+"/extends/" + i0,schemaPath:"#/properties/extends/oneOf/1/items/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9-]*$"}};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/extends/" + i0,schemaPath:"#/properties/extends/oneOf/1/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
let i1 = data0.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data0[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err6 = {instancePath:instancePath+"/extends",schemaPath:"#/properties/extends/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0}};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err7 = {instancePath:instancePath+"/extends",schemaPath:"#/properties/extends/oneOf/1/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var _valid0 = _errs6 === errors;
if(_valid0 && valid1){
valid1 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid1 = true;
passing0 = 1;
}
}
if(!valid1){
const err8 = {instancePath:instancePath+"/extends",schemaPath:"#/properties/extends/oneOf",keyword:"oneOf",params:{passingSchemas: passing0}};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
else {
errors = _errs3;
if(vErrors !== null){
if(_errs3){
vErrors.length = _errs3;
}
else {
vErrors = null;
}
}
}
}
if(data.env !== undefined){
let data2 = data.env;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key1 in data2){
if(!(pattern12.test(key1))){
const err9 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1}};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
for(const key2 in data2){
if(pattern12.test(key2)){
if(typeof data2[key2] !== "string"){
const err10 = {instancePath:instancePath+"/env/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/env/patternProperties/%5E%5BA-Za-z_%5D%5BA-Za-z0-9_%5D*%24/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
}
else {
const err11 = {instancePath:instancePath+"/env",schemaPath:"#/properties/env/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.agent_provider !== undefined){
let data4 = data.agent_provider;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
for(const key3 in data4){
if(!((((((key3 === "template") || (key3 === "host")) || (key3 === "auth_token")) || (key3 === "forward_host_credentials")) || (key3 === "dockerfile")) || (key3 === "startup_args"))){
const err12 = {instancePath:instancePath+"/agent_provider",schemaPath:"#/properties/agent_provider/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3}};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data4.template !== undefined){
let data5 = data4.template;
if(typeof data5 === "string"){
if(!pattern14.test(data5)){
const err13 = {instancePath:instancePath+"/agent_provider/template",schemaPath:"#/properties/agent_provider/properties/template/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9._-]*$"}};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/agent_provider/template",schemaPath:"#/properties/agent_provider/properties/template/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.host !== undefined){
let data6 = data4.host;
if(typeof data6 === "string"){
if(func2(data6) > 253){
const err15 = {instancePath:instancePath+"/agent_provider/host",schemaPath:"#/properties/agent_provider/properties/host/maxLength",keyword:"maxLength",params:{limit: 253}};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!pattern15.test(data6)){
const err16 = {instancePath:instancePath+"/agent_provider/host",schemaPath:"#/properties/agent_provider/properties/host/pattern",keyword:"pattern",params:{pattern: "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$"}};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/agent_provider/host",schemaPath:"#/properties/agent_provider/properties/host/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data4.auth_token !== undefined){
let data7 = data4.auth_token;
if(typeof data7 === "string"){
if(!pattern16.test(data7)){
const err18 = {instancePath:instancePath+"/agent_provider/auth_token",schemaPath:"#/properties/agent_provider/properties/auth_token/pattern",keyword:"pattern",params:{pattern: "^[A-Z_][A-Z0-9_]*$"}};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/agent_provider/auth_token",schemaPath:"#/properties/agent_provider/properties/auth_token/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data4.forward_host_credentials !== undefined){
if(typeof data4.forward_host_credentials !== "boolean"){
const err20 = {instancePath:instancePath+"/agent_provider/forward_host_credentials",schemaPath:"#/properties/agent_provider/properties/forward_host_credentials/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data4.dockerfile !== undefined){
let data9 = data4.dockerfile;
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err21 = {instancePath:instancePath+"/agent_provider/dockerfile",schemaPath:"#/properties/agent_provider/properties/dockerfile/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/agent_provider/dockerfile",schemaPath:"#/properties/agent_provider/properties/dockerfile/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data4.startup_args !== undefined){
let data10 = data4.startup_args;
if(Array.isArray(data10)){
const len1 = data10.length;
for(let i2=0; i2<len1; i2++){
if(typeof data10[i2] !== "string"){
const err23 = {instancePath:instancePath+"/agent_provider/startup_args/" + i2,schemaPath:"#/properties/agent_provider/properties/startup_args/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/agent_provider/startup_args",schemaPath:"#/properties/agent_provider/properties/startup_args/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath:instancePath+"/agent_provider",schemaPath:"#/properties/agent_provider/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data["git-gate"] !== undefined){
let data12 = data["git-gate"];
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
for(const key4 in data12){
if(!((key4 === "user") || (key4 === "repos"))){
const err26 = {instancePath:instancePath+"/git-gate",schemaPath:"#/properties/git-gate/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4}};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data12.user !== undefined){
let data13 = data12.user;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
for(const key5 in data13){
if(!((key5 === "name") || (key5 === "email"))){
const err27 = {instancePath:instancePath+"/git-gate/user",schemaPath:"#/properties/git-gate/properties/user/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5}};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data13.name !== undefined){
let data14 = data13.name;
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err28 = {instancePath:instancePath+"/git-gate/user/name",schemaPath:"#/properties/git-gate/properties/user/properties/name/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/git-gate/user/name",schemaPath:"#/properties/git-gate/properties/user/properties/name/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data13.email !== undefined){
let data15 = data13.email;
if(typeof data15 === "string"){
if(!pattern6.test(data15)){
const err30 = {instancePath:instancePath+"/git-gate/user/email",schemaPath:"#/properties/git-gate/properties/user/properties/email/pattern",keyword:"pattern",params:{pattern: "^[^\\s@]+@[^\\s@]+$"}};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/git-gate/user/email",schemaPath:"#/properties/git-gate/properties/user/properties/email/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath:instancePath+"/git-gate/user",schemaPath:"#/properties/git-gate/properties/user/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data12.repos !== undefined){
let data16 = data12.repos;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
for(const key6 in data16){
if(!(pattern18.test(key6))){
const err33 = {instancePath:instancePath+"/git-gate/repos",schemaPath:"#/properties/git-gate/properties/repos/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6}};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
for(const key7 in data16){
if(pattern18.test(key7)){
let data17 = data16[key7];
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
for(const key8 in data17){
if(!(((key8 === "url") || (key8 === "key")) || (key8 === "host_key"))){
const err34 = {instancePath:instancePath+"/git-gate/repos/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8}};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data17.url !== undefined){
let data18 = data17.url;
if(typeof data18 === "string"){
if(func2(data18) < 1){
const err35 = {instancePath:instancePath+"/git-gate/repos/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/url",schemaPath:"#/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/properties/url/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/git-gate/repos/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/url",schemaPath:"#/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/properties/url/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data17.key !== undefined){
let data19 = data17.key;
if(typeof data19 === "string"){
if(func2(data19) < 1){
const err37 = {instancePath:instancePath+"/git-gate/repos/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/properties/key/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/git-gate/repos/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/properties/key/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data17.host_key !== undefined){
let data20 = data17.host_key;
if(typeof data20 === "string"){
if(func2(data20) < 1){
const err39 = {instancePath:instancePath+"/git-gate/repos/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/host_key",schemaPath:"#/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/properties/host_key/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/git-gate/repos/" + key7.replace(/~/g, "~0").replace(/\//g, "~1")+"/host_key",schemaPath:"#/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/properties/host_key/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/git-gate/repos/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
}
else {
const err42 = {instancePath:instancePath+"/git-gate/repos",schemaPath:"#/properties/git-gate/properties/repos/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/git-gate",schemaPath:"#/properties/git-gate/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data.egress !== undefined){
let data21 = data.egress;
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
for(const key9 in data21){
if(!((key9 === "log") || (key9 === "routes"))){
const err44 = {instancePath:instancePath+"/egress",schemaPath:"#/properties/egress/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9}};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data21.log !== undefined){
let data22 = data21.log;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err45 = {instancePath:instancePath+"/egress/log",schemaPath:"#/properties/egress/properties/log/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(!(((data22 === 0) || (data22 === 1)) || (data22 === 2))){
const err46 = {instancePath:instancePath+"/egress/log",schemaPath:"#/properties/egress/properties/log/enum",keyword:"enum",params:{allowedValues: schema32.properties.egress.properties.log.enum}};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data21.routes !== undefined){
let data23 = data21.routes;
if(Array.isArray(data23)){
const len2 = data23.length;
for(let i3=0; i3<len2; i3++){
let data24 = data23[i3];
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
if(data24.host === undefined){
const err47 = {instancePath:instancePath+"/egress/routes/" + i3,schemaPath:"#/properties/egress/properties/routes/items/required",keyword:"required",params:{missingProperty: "host"}};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
for(const key10 in data24){
if(!((((((key10 === "host") || (key10 === "auth")) || (key10 === "matches")) || (key10 === "git")) || (key10 === "dlp")) || (key10 === "trusted"))){
const err48 = {instancePath:instancePath+"/egress/routes/" + i3,schemaPath:"#/properties/egress/properties/routes/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10}};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data24.host !== undefined){
let data25 = data24.host;
if(typeof data25 === "string"){
if(func2(data25) > 253){
const err49 = {instancePath:instancePath+"/egress/routes/" + i3+"/host",schemaPath:"#/properties/egress/properties/routes/items/properties/host/maxLength",keyword:"maxLength",params:{limit: 253}};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(!pattern15.test(data25)){
const err50 = {instancePath:instancePath+"/egress/routes/" + i3+"/host",schemaPath:"#/properties/egress/properties/routes/items/properties/host/pattern",keyword:"pattern",params:{pattern: "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$"}};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
else {
const err51 = {instancePath:instancePath+"/egress/routes/" + i3+"/host",schemaPath:"#/properties/egress/properties/routes/items/properties/host/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data24.auth !== undefined){
let data26 = data24.auth;
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
for(const key11 in data26){
if(!((key11 === "scheme") || (key11 === "token_ref"))){
const err52 = {instancePath:instancePath+"/egress/routes/" + i3+"/auth",schemaPath:"#/properties/egress/properties/routes/items/properties/auth/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11}};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data26.scheme !== undefined){
let data27 = data26.scheme;
if(typeof data27 !== "string"){
const err53 = {instancePath:instancePath+"/egress/routes/" + i3+"/auth/scheme",schemaPath:"#/properties/egress/properties/routes/items/properties/auth/properties/scheme/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if(!((data27 === "Bearer") || (data27 === "token"))){
const err54 = {instancePath:instancePath+"/egress/routes/" + i3+"/auth/scheme",schemaPath:"#/properties/egress/properties/routes/items/properties/auth/properties/scheme/enum",keyword:"enum",params:{allowedValues: schema32.properties.egress.properties.routes.items.properties.auth.properties.scheme.enum}};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
if(data26.token_ref !== undefined){
let data28 = data26.token_ref;
if(typeof data28 === "string"){
if(!pattern16.test(data28)){
const err55 = {instancePath:instancePath+"/egress/routes/" + i3+"/auth/token_ref",schemaPath:"#/properties/egress/properties/routes/items/properties/auth/properties/token_ref/pattern",keyword:"pattern",params:{pattern: "^[A-Z_][A-Z0-9_]*$"}};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
else {
const err56 = {instancePath:instancePath+"/egress/routes/" + i3+"/auth/token_ref",schemaPath:"#/properties/egress/properties/routes/items/properties/auth/properties/token_ref/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
else {
const err57 = {instancePath:instancePath+"/egress/routes/" + i3+"/auth",schemaPath:"#/properties/egress/properties/routes/items/properties/auth/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data24.matches !== undefined){
let data29 = data24.matches;
if(Array.isArray(data29)){
if(data29.length < 1){
const err58 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/minItems",keyword:"minItems",params:{limit: 1}};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
const len3 = data29.length;
for(let i4=0; i4<len3; i4++){
let data30 = data29[i4];
if(data30 && typeof data30 == "object" && !Array.isArray(data30)){
if(Object.keys(data30).length < 1){
const err59 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/minProperties",keyword:"minProperties",params:{limit: 1}};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
for(const key12 in data30){
if(!(((key12 === "paths") || (key12 === "methods")) || (key12 === "headers"))){
const err60 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12}};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data30.paths !== undefined){
let data31 = data30.paths;
if(Array.isArray(data31)){
if(data31.length < 1){
const err61 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/paths",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/paths/minItems",keyword:"minItems",params:{limit: 1}};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
const len4 = data31.length;
for(let i5=0; i5<len4; i5++){
let data32 = data31[i5];
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
if(data32.type === undefined){
const err62 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/paths/" + i5,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/required",keyword:"required",params:{missingProperty: "type"}};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(data32.value === undefined){
const err63 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/paths/" + i5,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/required",keyword:"required",params:{missingProperty: "value"}};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
for(const key13 in data32){
if(!((key13 === "type") || (key13 === "value"))){
const err64 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/paths/" + i5,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13}};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data32.type !== undefined){
let data33 = data32.type;
if(typeof data33 !== "string"){
const err65 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/paths/" + i5+"/type",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/properties/type/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
if(!(((data33 === "prefix") || (data33 === "exact")) || (data33 === "regex"))){
const err66 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/paths/" + i5+"/type",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/properties/type/enum",keyword:"enum",params:{allowedValues: schema32.properties.egress.properties.routes.items.properties.matches.items.properties.paths.items.properties.type.enum}};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data32.value !== undefined){
let data34 = data32.value;
if(typeof data34 === "string"){
if(func2(data34) < 1){
const err67 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/paths/" + i5+"/value",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/properties/value/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
else {
const err68 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/paths/" + i5+"/value",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/properties/value/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
}
else {
const err69 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/paths/" + i5,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
else {
const err70 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/paths",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/paths/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
if(data30.methods !== undefined){
let data35 = data30.methods;
if(Array.isArray(data35)){
if(data35.length < 1){
const err71 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/methods",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/methods/minItems",keyword:"minItems",params:{limit: 1}};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
const len5 = data35.length;
for(let i6=0; i6<len5; i6++){
let data36 = data35[i6];
if(typeof data36 === "string"){
if(!pattern22.test(data36)){
const err72 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/methods/" + i6,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/methods/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z]+$"}};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
else {
const err73 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/methods/" + i6,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/methods/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
let i7 = data35.length;
let j1;
if(i7 > 1){
const indices1 = {};
for(;i7--;){
let item1 = data35[i7];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err74 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/methods",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/methods/uniqueItems",keyword:"uniqueItems",params:{i: i7, j: j1}};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
break;
}
indices1[item1] = i7;
}
}
}
else {
const err75 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/methods",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/methods/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data30.headers !== undefined){
let data37 = data30.headers;
if(Array.isArray(data37)){
if(data37.length < 1){
const err76 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/headers",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/headers/minItems",keyword:"minItems",params:{limit: 1}};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
const len6 = data37.length;
for(let i8=0; i8<len6; i8++){
let data38 = data37[i8];
if(data38 && typeof data38 == "object" && !Array.isArray(data38)){
if(data38.name === undefined){
const err77 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/headers/" + i8,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/required",keyword:"required",params:{missingProperty: "name"}};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
if(data38.value === undefined){
const err78 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/headers/" + i8,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/required",keyword:"required",params:{missingProperty: "value"}};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
for(const key14 in data38){
if(!(((key14 === "name") || (key14 === "value")) || (key14 === "type"))){
const err79 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/headers/" + i8,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key14}};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
if(data38.name !== undefined){
let data39 = data38.name;
if(typeof data39 === "string"){
if(!pattern23.test(data39)){
const err80 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/headers/" + i8+"/name",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"}};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
else {
const err81 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/headers/" + i8+"/name",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/properties/name/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data38.value !== undefined){
if(typeof data38.value !== "string"){
const err82 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/headers/" + i8+"/value",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/properties/value/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
if(data38.type !== undefined){
let data41 = data38.type;
if(typeof data41 !== "string"){
const err83 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/headers/" + i8+"/type",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/properties/type/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
if(!((data41 === "exact") || (data41 === "regex"))){
const err84 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/headers/" + i8+"/type",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/properties/type/enum",keyword:"enum",params:{allowedValues: schema32.properties.egress.properties.routes.items.properties.matches.items.properties.headers.items.properties.type.enum}};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
}
else {
const err85 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/headers/" + i8,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
}
else {
const err86 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4+"/headers",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/properties/headers/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
}
else {
const err87 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches/" + i4,schemaPath:"#/properties/egress/properties/routes/items/properties/matches/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
}
else {
const err88 = {instancePath:instancePath+"/egress/routes/" + i3+"/matches",schemaPath:"#/properties/egress/properties/routes/items/properties/matches/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
if(data24.git !== undefined){
let data42 = data24.git;
if(data42 && typeof data42 == "object" && !Array.isArray(data42)){
for(const key15 in data42){
if(!(key15 === "fetch")){
const err89 = {instancePath:instancePath+"/egress/routes/" + i3+"/git",schemaPath:"#/properties/egress/properties/routes/items/properties/git/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key15}};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(data42.fetch !== undefined){
if(typeof data42.fetch !== "boolean"){
const err90 = {instancePath:instancePath+"/egress/routes/" + i3+"/git/fetch",schemaPath:"#/properties/egress/properties/routes/items/properties/git/properties/fetch/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
}
else {
const err91 = {instancePath:instancePath+"/egress/routes/" + i3+"/git",schemaPath:"#/properties/egress/properties/routes/items/properties/git/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data24.dlp !== undefined){
let data44 = data24.dlp;
const _errs108 = errors;
let valid31 = false;
let passing1 = null;
const _errs109 = errors;
if(false !== data44){
const err92 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/0/const",keyword:"const",params:{allowedValue: false}};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
var _valid1 = _errs109 === errors;
if(_valid1){
valid31 = true;
passing1 = 0;
}
const _errs110 = errors;
if(data44 && typeof data44 == "object" && !Array.isArray(data44)){
for(const key16 in data44){
if(!(((key16 === "outbound_detectors") || (key16 === "inbound_detectors")) || (key16 === "outbound_on_match"))){
const err93 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key16}};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
if(data44.outbound_detectors !== undefined){
let data45 = data44.outbound_detectors;
const _errs114 = errors;
let valid33 = false;
let passing2 = null;
const _errs115 = errors;
if(false !== data45){
const err94 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/outbound_detectors",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_detectors/oneOf/0/const",keyword:"const",params:{allowedValue: false}};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
var _valid2 = _errs115 === errors;
if(_valid2){
valid33 = true;
passing2 = 0;
}
const _errs116 = errors;
if(Array.isArray(data45)){
const len7 = data45.length;
for(let i9=0; i9<len7; i9++){
let data46 = data45[i9];
if(typeof data46 === "string"){
if(func2(data46) < 1){
const err95 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/outbound_detectors/" + i9,schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_detectors/oneOf/1/items/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
else {
const err96 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/outbound_detectors/" + i9,schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_detectors/oneOf/1/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
let i10 = data45.length;
let j2;
if(i10 > 1){
const indices2 = {};
for(;i10--;){
let item2 = data45[i10];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j2 = indices2[item2];
const err97 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/outbound_detectors",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_detectors/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i10, j: j2}};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
break;
}
indices2[item2] = i10;
}
}
}
else {
const err98 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/outbound_detectors",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_detectors/oneOf/1/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
var _valid2 = _errs116 === errors;
if(_valid2 && valid33){
valid33 = false;
passing2 = [passing2, 1];
}
else {
if(_valid2){
valid33 = true;
passing2 = 1;
}
}
if(!valid33){
const err99 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/outbound_detectors",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_detectors/oneOf",keyword:"oneOf",params:{passingSchemas: passing2}};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
else {
errors = _errs114;
if(vErrors !== null){
if(_errs114){
vErrors.length = _errs114;
}
else {
vErrors = null;
}
}
}
}
if(data44.inbound_detectors !== undefined){
let data47 = data44.inbound_detectors;
const _errs121 = errors;
let valid37 = false;
let passing3 = null;
const _errs122 = errors;
if(false !== data47){
const err100 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/inbound_detectors",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/inbound_detectors/oneOf/0/const",keyword:"const",params:{allowedValue: false}};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
var _valid3 = _errs122 === errors;
if(_valid3){
valid37 = true;
passing3 = 0;
}
const _errs123 = errors;
if(Array.isArray(data47)){
const len8 = data47.length;
for(let i11=0; i11<len8; i11++){
let data48 = data47[i11];
if(typeof data48 === "string"){
if(func2(data48) < 1){
const err101 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/inbound_detectors/" + i11,schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/inbound_detectors/oneOf/1/items/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
else {
const err102 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/inbound_detectors/" + i11,schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/inbound_detectors/oneOf/1/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
let i12 = data47.length;
let j3;
if(i12 > 1){
const indices3 = {};
for(;i12--;){
let item3 = data47[i12];
if(typeof item3 !== "string"){
continue;
}
if(typeof indices3[item3] == "number"){
j3 = indices3[item3];
const err103 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/inbound_detectors",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/inbound_detectors/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i12, j: j3}};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
break;
}
indices3[item3] = i12;
}
}
}
else {
const err104 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/inbound_detectors",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/inbound_detectors/oneOf/1/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
var _valid3 = _errs123 === errors;
if(_valid3 && valid37){
valid37 = false;
passing3 = [passing3, 1];
}
else {
if(_valid3){
valid37 = true;
passing3 = 1;
}
}
if(!valid37){
const err105 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/inbound_detectors",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/inbound_detectors/oneOf",keyword:"oneOf",params:{passingSchemas: passing3}};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
else {
errors = _errs121;
if(vErrors !== null){
if(_errs121){
vErrors.length = _errs121;
}
else {
vErrors = null;
}
}
}
}
if(data44.outbound_on_match !== undefined){
let data49 = data44.outbound_on_match;
if(typeof data49 !== "string"){
const err106 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/outbound_on_match",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_on_match/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
if(!(((data49 === "block") || (data49 === "redact")) || (data49 === "supervise"))){
const err107 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp/outbound_on_match",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_on_match/enum",keyword:"enum",params:{allowedValues: schema32.properties.egress.properties.routes.items.properties.dlp.oneOf[1].properties.outbound_on_match.enum}};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
}
else {
const err108 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf/1/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
var _valid1 = _errs110 === errors;
if(_valid1 && valid31){
valid31 = false;
passing1 = [passing1, 1];
}
else {
if(_valid1){
valid31 = true;
passing1 = 1;
}
}
if(!valid31){
const err109 = {instancePath:instancePath+"/egress/routes/" + i3+"/dlp",schemaPath:"#/properties/egress/properties/routes/items/properties/dlp/oneOf",keyword:"oneOf",params:{passingSchemas: passing1}};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
else {
errors = _errs108;
if(vErrors !== null){
if(_errs108){
vErrors.length = _errs108;
}
else {
vErrors = null;
}
}
}
}
if(data24.trusted !== undefined){
if(typeof data24.trusted !== "boolean"){
const err110 = {instancePath:instancePath+"/egress/routes/" + i3+"/trusted",schemaPath:"#/properties/egress/properties/routes/items/properties/trusted/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
}
else {
const err111 = {instancePath:instancePath+"/egress/routes/" + i3,schemaPath:"#/properties/egress/properties/routes/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
}
else {
const err112 = {instancePath:instancePath+"/egress/routes",schemaPath:"#/properties/egress/properties/routes/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
}
}
else {
const err113 = {instancePath:instancePath+"/egress",schemaPath:"#/properties/egress/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
if(data.budget !== undefined){
let data51 = data.budget;
if(data51 && typeof data51 == "object" && !Array.isArray(data51)){
for(const key17 in data51){
if(!((key17 === "cutoff") || (pattern7.test(key17)))){
const err114 = {instancePath:instancePath+"/budget",schemaPath:"#/properties/budget/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key17}};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
if(data51.cutoff !== undefined){
let data52 = data51.cutoff;
if(typeof data52 !== "string"){
const err115 = {instancePath:instancePath+"/budget/cutoff",schemaPath:"#/properties/budget/properties/cutoff/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
if(!(((data52 === "cutoff") || (data52 === "freeze")) || (data52 === "kill"))){
const err116 = {instancePath:instancePath+"/budget/cutoff",schemaPath:"#/properties/budget/properties/cutoff/enum",keyword:"enum",params:{allowedValues: schema32.properties.budget.properties.cutoff.enum}};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
for(const key18 in data51){
if(pattern7.test(key18)){
let data53 = data51[key18];
const _errs137 = errors;
let valid43 = false;
let passing4 = null;
const _errs138 = errors;
if(!(((typeof data53 == "number") && (!(data53 % 1) && !isNaN(data53))) && (isFinite(data53)))){
const err117 = {instancePath:instancePath+"/budget/" + key18.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/0/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
if((typeof data53 == "number") && (isFinite(data53))){
if(data53 < 1 || isNaN(data53)){
const err118 = {instancePath:instancePath+"/budget/" + key18.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
var _valid4 = _errs138 === errors;
if(_valid4){
valid43 = true;
passing4 = 0;
}
const _errs140 = errors;
if(data53 && typeof data53 == "object" && !Array.isArray(data53)){
if(data53.tokens === undefined){
const err119 = {instancePath:instancePath+"/budget/" + key18.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/required",keyword:"required",params:{missingProperty: "tokens"}};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
for(const key19 in data53){
if(!((key19 === "tokens") || (key19 === "window"))){
const err120 = {instancePath:instancePath+"/budget/" + key18.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key19}};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
if(data53.tokens !== undefined){
let data54 = data53.tokens;
if(!(((typeof data54 == "number") && (!(data54 % 1) && !isNaN(data54))) && (isFinite(data54)))){
const err121 = {instancePath:instancePath+"/budget/" + key18.replace(/~/g, "~0").replace(/\//g, "~1")+"/tokens",schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/tokens/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
if((typeof data54 == "number") && (isFinite(data54))){
if(data54 < 1 || isNaN(data54)){
const err122 = {instancePath:instancePath+"/budget/" + key18.replace(/~/g, "~0").replace(/\//g, "~1")+"/tokens",schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/tokens/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
}
if(data53.window !== undefined){
let data55 = data53.window;
if(typeof data55 === "string"){
if(!pattern9.test(data55)){
const err123 = {instancePath:instancePath+"/budget/" + key18.replace(/~/g, "~0").replace(/\//g, "~1")+"/window",schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/window/pattern",keyword:"pattern",params:{pattern: "^[1-9][0-9]*[mhdw]$"}};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
}
else {
const err124 = {instancePath:instancePath+"/budget/" + key18.replace(/~/g, "~0").replace(/\//g, "~1")+"/window",schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/window/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
}
else {
const err125 = {instancePath:instancePath+"/budget/" + key18.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
var _valid4 = _errs140 === errors;
if(_valid4 && valid43){
valid43 = false;
passing4 = [passing4, 1];
}
else {
if(_valid4){
valid43 = true;
passing4 = 1;
}
}
if(!valid43){
const err126 = {instancePath:instancePath+"/budget/" + key18.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf",keyword:"oneOf",params:{passingSchemas: passing4}};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
else {
errors = _errs137;
if(vErrors !== null){
if(_errs137){
vErrors.length = _errs137;
}
else {
vErrors = null;
}
}
}
}
}
}
else {
const err127 = {instancePath:instancePath+"/budget",schemaPath:"#/properties/budget/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
if(data.approvals !== undefined){
let data56 = data.approvals;
if(data56 && typeof data56 == "object" && !Array.isArray(data56)){
for(const key20 in data56){
if(!(((key20 === "rules") || (key20 === "default")) || (key20 === "ttl_seconds"))){
const err128 = {instancePath:instancePath+"/approvals",schemaPath:"#/properties/approvals/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key20}};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
}
if(data56.rules !== undefined){
let data57 = data56.rules;
if(Array.isArray(data57)){
const len9 = data57.length;
for(let i13=0; i13<len9; i13++){
let data58 = data57[i13];
if(data58 && typeof data58 == "object" && !Array.isArray(data58)){
if(data58.match === undefined){
const err129 = {instancePath:instancePath+"/approvals/rules/" + i13,schemaPath:"#/properties/approvals/properties/rules/items/required",keyword:"required",params:{missingProperty: "match"}};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
if(data58.action === undefined){
const err130 = {instancePath:instancePath+"/approvals/rules/" + i13,schemaPath:"#/properties/approvals/properties/rules/items/required",keyword:"required",params:{missingProperty: "action"}};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
for(const key21 in data58){
if(!((key21 === "match") || (key21 === "action"))){
const err131 = {instancePath:instancePath+"/approvals/rules/" + i13,schemaPath:"#/properties/approvals/properties/rules/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key21}};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
if(data58.match !== undefined){
let data59 = data58.match;
if(data59 && typeof data59 == "object" && !Array.isArray(data59)){
for(const key22 in data59){
if(!((((key22 === "category") || (key22 === "tool")) || (key22 === "host")) || (key22 === "cost_over"))){
const err132 = {instancePath:instancePath+"/approvals/rules/" + i13+"/match",schemaPath:"#/properties/approvals/properties/rules/items/properties/match/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key22}};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
}
if(data59.category !== undefined){
let data60 = data59.category;
if(typeof data60 !== "string"){
const err133 = {instancePath:instancePath+"/approvals/rules/" + i13+"/match/category",schemaPath:"#/properties/approvals/properties/rules/items/properties/match/properties/category/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
if(!(((data60 === "egress") || (data60 === "dlp")) || (data60 === "budget"))){
const err134 = {instancePath:instancePath+"/approvals/rules/" + i13+"/match/category",schemaPath:"#/properties/approvals/properties/rules/items/properties/match/properties/category/enum",keyword:"enum",params:{allowedValues: schema32.properties.approvals.properties.rules.items.properties.match.properties.category.enum}};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
if(data59.tool !== undefined){
let data61 = data59.tool;
if(typeof data61 === "string"){
if(func2(data61) < 1){
const err135 = {instancePath:instancePath+"/approvals/rules/" + i13+"/match/tool",schemaPath:"#/properties/approvals/properties/rules/items/properties/match/properties/tool/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
else {
const err136 = {instancePath:instancePath+"/approvals/rules/" + i13+"/match/tool",schemaPath:"#/properties/approvals/properties/rules/items/properties/match/properties/tool/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
if(data59.host !== undefined){
let data62 = data59.host;
if(typeof data62 === "string"){
if(func2(data62) < 1){
const err137 = {instancePath:instancePath+"/approvals/rules/" + i13+"/match/host",schemaPath:"#/properties/approvals/properties/rules/items/properties/match/properties/host/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
else {
const err138 = {instancePath:instancePath+"/approvals/rules/" + i13+"/match/host",schemaPath:"#/properties/approvals/properties/rules/items/properties/match/properties/host/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
if(data59.cost_over !== undefined){
let data63 = data59.cost_over;
if(!(((typeof data63 == "number") && (!(data63 % 1) && !isNaN(data63))) && (isFinite(data63)))){
const err139 = {instancePath:instancePath+"/approvals/rules/" + i13+"/match/cost_over",schemaPath:"#/properties/approvals/properties/rules/items/properties/match/properties/cost_over/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
if((typeof data63 == "number") && (isFinite(data63))){
if(data63 < 0 || isNaN(data63)){
const err140 = {instancePath:instancePath+"/approvals/rules/" + i13+"/match/cost_over",schemaPath:"#/properties/approvals/properties/rules/items/properties/match/properties/cost_over/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
}
}
}
else {
const err141 = {instancePath:instancePath+"/approvals/rules/" + i13+"/match",schemaPath:"#/properties/approvals/properties/rules/items/properties/match/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
if(data58.action !== undefined){
let data64 = data58.action;
if(typeof data64 !== "string"){
const err142 = {instancePath:instancePath+"/approvals/rules/" + i13+"/action",schemaPath:"#/properties/approvals/properties/rules/items/properties/action/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
if(!(((data64 === "auto_approve") || (data64 === "auto_reject")) || (data64 === "block"))){
const err143 = {instancePath:instancePath+"/approvals/rules/" + i13+"/action",schemaPath:"#/properties/approvals/properties/rules/items/properties/action/enum",keyword:"enum",params:{allowedValues: schema32.properties.approvals.properties.rules.items.properties.action.enum}};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
}
}
else {
const err144 = {instancePath:instancePath+"/approvals/rules/" + i13,schemaPath:"#/properties/approvals/properties/rules/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
}
}
else {
const err145 = {instancePath:instancePath+"/approvals/rules",schemaPath:"#/properties/approvals/properties/rules/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
}
if(data56.default !== undefined){
let data65 = data56.default;
if(typeof data65 !== "string"){
const err146 = {instancePath:instancePath+"/approvals/default",schemaPath:"#/properties/approvals/properties/default/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
if(!(((data65 === "auto_approve") || (data65 === "auto_reject")) || (data65 === "block"))){
const err147 = {instancePath:instancePath+"/approvals/default",schemaPath:"#/properties/approvals/properties/default/enum",keyword:"enum",params:{allowedValues: schema32.properties.approvals.properties.default.enum}};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
}
if(data56.ttl_seconds !== undefined){
let data66 = data56.ttl_seconds;
if(!(((typeof data66 == "number") && (!(data66 % 1) && !isNaN(data66))) && (isFinite(data66)))){
const err148 = {instancePath:instancePath+"/approvals/ttl_seconds",schemaPath:"#/properties/approvals/properties/ttl_seconds/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
if((typeof data66 == "number") && (isFinite(data66))){
if(data66 < 1 || isNaN(data66)){
const err149 = {instancePath:instancePath+"/approvals/ttl_seconds",schemaPath:"#/properties/approvals/properties/ttl_seconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
}
}
}
else {
const err150 = {instancePath:instancePath+"/approvals",schemaPath:"#/properties/approvals/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
}
if(data.plugins !== undefined){
let data67 = data.plugins;
if(Array.isArray(data67)){
const len10 = data67.length;
for(let i14=0; i14<len10; i14++){
let data68 = data67[i14];
if(data68 && typeof data68 == "object" && !Array.isArray(data68)){
if(data68.use === undefined){
const err151 = {instancePath:instancePath+"/plugins/" + i14,schemaPath:"#/properties/plugins/items/required",keyword:"required",params:{missingProperty: "use"}};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
for(const key23 in data68){
if(!((key23 === "use") || (key23 === "options"))){
const err152 = {instancePath:instancePath+"/plugins/" + i14,schemaPath:"#/properties/plugins/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key23}};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
}
if(data68.use !== undefined){
let data69 = data68.use;
if(typeof data69 === "string"){
if(!pattern27.test(data69)){
const err153 = {instancePath:instancePath+"/plugins/" + i14+"/use",schemaPath:"#/properties/plugins/items/properties/use/pattern",keyword:"pattern",params:{pattern: "^(?:[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+|\\./(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.(?:ts|mts|js|mjs))$"}};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
}
else {
const err154 = {instancePath:instancePath+"/plugins/" + i14+"/use",schemaPath:"#/properties/plugins/items/properties/use/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
}
if(data68.options !== undefined){
let data70 = data68.options;
if(!(data70 && typeof data70 == "object" && !Array.isArray(data70))){
const err155 = {instancePath:instancePath+"/plugins/" + i14+"/options",schemaPath:"#/properties/plugins/items/properties/options/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
}
}
else {
const err156 = {instancePath:instancePath+"/plugins/" + i14,schemaPath:"#/properties/plugins/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
}
}
else {
const err157 = {instancePath:instancePath+"/plugins",schemaPath:"#/properties/plugins/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
}
if(data.rule_of_two !== undefined){
let data71 = data.rule_of_two;
if(data71 && typeof data71 == "object" && !Array.isArray(data71)){
if(data71.waive === undefined){
const err158 = {instancePath:instancePath+"/rule_of_two",schemaPath:"#/properties/rule_of_two/required",keyword:"required",params:{missingProperty: "waive"}};
if(vErrors === null){
vErrors = [err158];
}
else {
vErrors.push(err158);
}
errors++;
}
if(data71.justification === undefined){
const err159 = {instancePath:instancePath+"/rule_of_two",schemaPath:"#/properties/rule_of_two/required",keyword:"required",params:{missingProperty: "justification"}};
if(vErrors === null){
vErrors = [err159];
}
else {
vErrors.push(err159);
}
errors++;
}
for(const key24 in data71){
if(!((key24 === "waive") || (key24 === "justification"))){
const err160 = {instancePath:instancePath+"/rule_of_two",schemaPath:"#/properties/rule_of_two/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key24}};
if(vErrors === null){
vErrors = [err160];
}
else {
vErrors.push(err160);
}
errors++;
}
}
if(data71.waive !== undefined){
if(typeof data71.waive !== "boolean"){
const err161 = {instancePath:instancePath+"/rule_of_two/waive",schemaPath:"#/properties/rule_of_two/properties/waive/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err161];
}
else {
vErrors.push(err161);
}
errors++;
}
}
if(data71.justification !== undefined){
if(typeof data71.justification !== "string"){
const err162 = {instancePath:instancePath+"/rule_of_two/justification",schemaPath:"#/properties/rule_of_two/properties/justification/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err162];
}
else {
vErrors.push(err162);
}
errors++;
}
}
}
else {
const err163 = {instancePath:instancePath+"/rule_of_two",schemaPath:"#/properties/rule_of_two/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err163];
}
else {
vErrors.push(err163);
}
errors++;
}
}
}
else {
const err164 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err164];
}
else {
vErrors.push(err164);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const validateSettings = validate22;
const schema33 = {"$id":"https://cork.dev/schemas/settings.schema.json","title":"cork host settings","type":"object","additionalProperties":false,"properties":{"budgets":{"title":"global budgets","type":"object","additionalProperties":false,"patternProperties":{"^[a-z][a-z0-9._-]*$":{"title":"provider budget","oneOf":[{"title":"token count","type":"integer","minimum":1},{"title":"token limit with window","type":"object","additionalProperties":false,"required":["tokens"],"properties":{"tokens":{"title":"tokens","type":"integer","minimum":1},"window":{"title":"window","type":"string","pattern":"^[1-9][0-9]*[mhdw]$"}}}]}}},"cutoff":{"title":"default cutoff policy","type":"string","enum":["cutoff","freeze","kill"]},"estimate_floor_tokens":{"title":"estimate floor (tokens)","type":"integer","minimum":0}}};

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://cork.dev/schemas/settings.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "budgets") || (key0 === "cutoff")) || (key0 === "estimate_floor_tokens"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0}};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.budgets !== undefined){
let data0 = data.budgets;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
if(!(pattern14.test(key1))){
const err1 = {instancePath:instancePath+"/budgets",schemaPath:"#/properties/budgets/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1}};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
for(const key2 in data0){
if(pattern14.test(key2)){
let data1 = data0[key2];
const _errs6 = errors;
let valid2 = false;
let passing0 = null;
const _errs7 = errors;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err2 = {instancePath:instancePath+"/budgets/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budgets/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/0/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 < 1 || isNaN(data1)){
const err3 = {instancePath:instancePath+"/budgets/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budgets/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
var _valid0 = _errs7 === errors;
if(_valid0){
valid2 = true;
passing0 = 0;
}
const _errs9 = errors;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.tokens === undefined){
const err4 = {instancePath:instancePath+"/budgets/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budgets/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/required",keyword:"required",params:{missingProperty: "tokens"}};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key3 in data1){
if(!((key3 === "tokens") || (key3 === "window"))){
const err5 = {instancePath:instancePath+"/budgets/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budgets/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3}};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data1.tokens !== undefined){
let data2 = data1.tokens;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err6 = {instancePath:instancePath+"/budgets/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/tokens",schemaPath:"#/properties/budgets/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/tokens/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 < 1 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/budgets/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/tokens",schemaPath:"#/properties/budgets/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/tokens/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
}
if(data1.window !== undefined){
let data3 = data1.window;
if(typeof data3 === "string"){
if(!pattern9.test(data3)){
const err8 = {instancePath:instancePath+"/budgets/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/window",schemaPath:"#/properties/budgets/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/window/pattern",keyword:"pattern",params:{pattern: "^[1-9][0-9]*[mhdw]$"}};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/budgets/" + key2.replace(/~/g, "~0").replace(/\//g, "~1")+"/window",schemaPath:"#/properties/budgets/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/window/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/budgets/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budgets/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
var _valid0 = _errs9 === errors;
if(_valid0 && valid2){
valid2 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid2 = true;
passing0 = 1;
}
}
if(!valid2){
const err11 = {instancePath:instancePath+"/budgets/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/budgets/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf",keyword:"oneOf",params:{passingSchemas: passing0}};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
else {
errors = _errs6;
if(vErrors !== null){
if(_errs6){
vErrors.length = _errs6;
}
else {
vErrors = null;
}
}
}
}
}
}
else {
const err12 = {instancePath:instancePath+"/budgets",schemaPath:"#/properties/budgets/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.cutoff !== undefined){
let data4 = data.cutoff;
if(typeof data4 !== "string"){
const err13 = {instancePath:instancePath+"/cutoff",schemaPath:"#/properties/cutoff/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!(((data4 === "cutoff") || (data4 === "freeze")) || (data4 === "kill"))){
const err14 = {instancePath:instancePath+"/cutoff",schemaPath:"#/properties/cutoff/enum",keyword:"enum",params:{allowedValues: schema33.properties.cutoff.enum}};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.estimate_floor_tokens !== undefined){
let data5 = data.estimate_floor_tokens;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err15 = {instancePath:instancePath+"/estimate_floor_tokens",schemaPath:"#/properties/estimate_floor_tokens/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 < 0 || isNaN(data5)){
const err16 = {instancePath:instancePath+"/estimate_floor_tokens",schemaPath:"#/properties/estimate_floor_tokens/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
}
else {
const err17 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

export const validateBundle = validate23;
const schema34 = {"$id":"https://cork.dev/schemas/bundle.schema.json","title":"cork policy bundle","type":"object","additionalProperties":false,"required":["format","compiler","sources","bottles","agents","plugins","digest"],"properties":{"format":{"title":"format","const":1},"compiler":{"title":"compiler","type":"string","minLength":1},"revision":{"title":"revision","type":"string","minLength":1},"sources":{"title":"sources","type":"array","items":{"title":"source file","type":"object","additionalProperties":false,"required":["path","sha256"],"properties":{"path":{"title":"path","type":"string","minLength":1},"sha256":{"title":"sha256","type":"string","pattern":"^[0-9a-f]{64}$"}}}},"bottles":{"title":"bottles","type":"object","additionalProperties":false,"patternProperties":{"^[a-z][a-z0-9-]*$":{"title":"resolved bottle","type":"object","additionalProperties":false,"required":["name","lineage"],"properties":{"name":{"title":"bottle name","type":"string","pattern":"^[a-z][a-z0-9-]*$"},"lineage":{"title":"lineage","type":"array","uniqueItems":true,"items":{"title":"bottle name","type":"string","pattern":"^[a-z][a-z0-9-]*$"}},"env":{"title":"environment","type":"object","additionalProperties":false,"patternProperties":{"^[A-Za-z_][A-Za-z0-9_]*$":{"title":"environment variable value","type":"string"}}},"agent_provider":{"title":"agent provider","type":"object","additionalProperties":false,"properties":{"template":{"title":"template","type":"string","pattern":"^[a-z][a-z0-9._-]*$"},"host":{"title":"API host","type":"string","maxLength":253,"pattern":"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$"},"auth_token":{"title":"auth token variable","type":"string","pattern":"^[A-Z_][A-Z0-9_]*$"},"forward_host_credentials":{"title":"forward host credentials","type":"boolean"},"dockerfile":{"title":"Dockerfile","type":"string","minLength":1},"startup_args":{"title":"startup arguments","type":"array","items":{"title":"argument","type":"string"}}}},"git-gate":{"title":"git gate","type":"object","additionalProperties":false,"properties":{"user":{"title":"git user","type":"object","additionalProperties":false,"properties":{"name":{"title":"name","type":"string","minLength":1},"email":{"title":"email","type":"string","pattern":"^[^\\s@]+@[^\\s@]+$"}}},"repos":{"title":"repositories","type":"object","additionalProperties":false,"patternProperties":{"^[A-Za-z0-9][A-Za-z0-9._-]*$":{"title":"repository","type":"object","additionalProperties":false,"properties":{"url":{"title":"URL","type":"string","minLength":1},"key":{"title":"SSH key","type":"string","minLength":1},"host_key":{"title":"SSH host key","type":"string","minLength":1}}}}}}},"egress":{"title":"egress","type":"object","additionalProperties":false,"properties":{"log":{"title":"log level","type":"integer","enum":[0,1,2]},"routes":{"title":"routes","type":"array","items":{"title":"route","type":"object","additionalProperties":false,"required":["host"],"properties":{"host":{"title":"host","type":"string","maxLength":253,"pattern":"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$"},"auth":{"title":"auth","type":"object","additionalProperties":false,"properties":{"scheme":{"title":"scheme","type":"string","enum":["Bearer","token"]},"token_ref":{"title":"token variable","type":"string","pattern":"^[A-Z_][A-Z0-9_]*$"}}},"matches":{"title":"matches","type":"array","minItems":1,"items":{"title":"match entry","type":"object","additionalProperties":false,"minProperties":1,"properties":{"paths":{"title":"paths","type":"array","minItems":1,"items":{"title":"path match","type":"object","additionalProperties":false,"required":["type","value"],"properties":{"type":{"title":"type","type":"string","enum":["prefix","exact","regex"]},"value":{"title":"value","type":"string","minLength":1}}}},"methods":{"title":"methods","type":"array","minItems":1,"uniqueItems":true,"items":{"title":"method","type":"string","pattern":"^[A-Za-z]+$"}},"headers":{"title":"headers","type":"array","minItems":1,"items":{"title":"header match","type":"object","additionalProperties":false,"required":["name","value"],"properties":{"name":{"title":"name","type":"string","pattern":"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"},"value":{"title":"value","type":"string"},"type":{"title":"type","type":"string","enum":["exact","regex"]}}}}}}},"git":{"title":"git","type":"object","additionalProperties":false,"properties":{"fetch":{"title":"fetch","type":"boolean"}}},"dlp":{"title":"data loss prevention","oneOf":[{"title":"false","const":false},{"title":"DLP settings","type":"object","additionalProperties":false,"properties":{"outbound_detectors":{"title":"outbound detectors","oneOf":[{"title":"false","const":false},{"title":"list of detector ids","type":"array","uniqueItems":true,"items":{"title":"detector id","type":"string","minLength":1}}]},"inbound_detectors":{"title":"inbound detectors","oneOf":[{"title":"false","const":false},{"title":"list of detector ids","type":"array","uniqueItems":true,"items":{"title":"detector id","type":"string","minLength":1}}]},"outbound_on_match":{"title":"on outbound match","type":"string","enum":["block","redact","supervise"]}}}]},"trusted":{"title":"trusted","type":"boolean"}}}}}},"budget":{"title":"budget","type":"object","additionalProperties":false,"properties":{"cutoff":{"title":"cutoff policy","type":"string","enum":["cutoff","freeze","kill"]}},"patternProperties":{"^(?!cutoff$)[a-z][a-z0-9._-]*$":{"title":"provider budget","oneOf":[{"title":"token count","type":"integer","minimum":1},{"title":"token limit with window","type":"object","additionalProperties":false,"required":["tokens"],"properties":{"tokens":{"title":"tokens","type":"integer","minimum":1},"window":{"title":"window","type":"string","pattern":"^[1-9][0-9]*[mhdw]$"}}}]}}},"approvals":{"title":"approvals","type":"object","additionalProperties":false,"properties":{"rules":{"title":"rules","type":"array","items":{"title":"approval rule","type":"object","additionalProperties":false,"required":["match","action"],"properties":{"match":{"title":"match","type":"object","additionalProperties":false,"properties":{"category":{"title":"category","type":"string","enum":["egress","dlp","budget"]},"tool":{"title":"tool","type":"string","minLength":1},"host":{"title":"host","type":"string","minLength":1},"cost_over":{"title":"cost over","type":"integer","minimum":0}}},"action":{"title":"action","type":"string","enum":["auto_approve","auto_reject","block"]}}}},"default":{"title":"default action","type":"string","enum":["auto_approve","auto_reject","block"]},"ttl_seconds":{"title":"TTL (seconds)","type":"integer","minimum":1}}},"plugins":{"title":"plugins","type":"array","items":{"title":"plugin","type":"object","additionalProperties":false,"required":["use"],"properties":{"use":{"title":"use","type":"string","pattern":"^(?:[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+|\\./(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.(?:ts|mts|js|mjs))$"},"options":{"title":"options","type":"object"}}}},"rule_of_two":{"title":"Rule of Two waiver","type":"object","additionalProperties":false,"required":["waive","justification"],"properties":{"waive":{"title":"waive","type":"boolean"},"justification":{"title":"justification","type":"string"}}}}}}},"agents":{"title":"agents","type":"object","additionalProperties":false,"patternProperties":{"^[a-z][a-z0-9-]*$":{"title":"resolved agent","type":"object","additionalProperties":false,"required":["name","bottles","prompt"],"properties":{"name":{"title":"agent name","type":"string","pattern":"^[a-z][a-z0-9-]*$"},"bottles":{"title":"bottles","type":"array","items":{"title":"bottle name","type":"string","pattern":"^[a-z][a-z0-9-]*$"},"minItems":1,"uniqueItems":true},"skills":{"title":"skills","type":"array","uniqueItems":true,"items":{"title":"skill","type":"string","minLength":1}},"git-gate":{"title":"git gate","type":"object","additionalProperties":false,"properties":{"user":{"title":"git user","type":"object","additionalProperties":false,"properties":{"name":{"title":"name","type":"string","minLength":1},"email":{"title":"email","type":"string","pattern":"^[^\\s@]+@[^\\s@]+$"}}}}},"budget":{"title":"budget","type":"object","additionalProperties":false,"properties":{"cutoff":{"title":"cutoff policy","type":"string","enum":["cutoff","freeze","kill"]}},"patternProperties":{"^(?!cutoff$)[a-z][a-z0-9._-]*$":{"title":"provider budget","oneOf":[{"title":"token count","type":"integer","minimum":1},{"title":"token limit with window","type":"object","additionalProperties":false,"required":["tokens"],"properties":{"tokens":{"title":"tokens","type":"integer","minimum":1},"window":{"title":"window","type":"string","pattern":"^[1-9][0-9]*[mhdw]$"}}}]}}},"subagent":{"title":"subagent","type":"object","additionalProperties":false,"properties":{"name":{"title":"name","type":"string"},"description":{"title":"description","type":"string"},"model":{"title":"model","type":"string"},"color":{"title":"color","type":"string"},"memory":{"title":"memory","type":"string"},"tools":{"title":"tools","oneOf":[{"title":"comma-separated string","type":"string"},{"title":"list of tool names","type":"array","items":{"title":"tool","type":"string"}}]}}},"prompt":{"title":"prompt","type":"string"}}}}},"plugins":{"title":"plugins","type":"object","additionalProperties":{"title":"bundled plugin","type":"object"}},"digest":{"title":"digest","type":"string","pattern":"^[0-9a-f]{64}$"},"signatures":{"title":"signatures","type":"array","items":{"title":"signature","type":"object","additionalProperties":false,"required":["alg","keyid","sig"],"properties":{"alg":{"title":"algorithm","const":"ed25519"},"keyid":{"title":"key id","type":"string","pattern":"^[0-9a-f]{64}$"},"sig":{"title":"signature","type":"string","pattern":"^[A-Za-z0-9+/]{86}==$"}}}}}};
const pattern31 = new RegExp("^[0-9a-f]{64}$", "u");
const pattern62 = new RegExp("^[A-Za-z0-9+/]{86}==$", "u");

function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://cork.dev/schemas/bundle.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate23.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.format === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "format"}};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.compiler === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "compiler"}};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.sources === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "sources"}};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.bottles === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "bottles"}};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.agents === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "agents"}};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.plugins === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "plugins"}};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.digest === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "digest"}};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema34.properties, key0))){
const err7 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0}};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.format !== undefined){
if(1 !== data.format){
const err8 = {instancePath:instancePath+"/format",schemaPath:"#/properties/format/const",keyword:"const",params:{allowedValue: 1}};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.compiler !== undefined){
let data1 = data.compiler;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err9 = {instancePath:instancePath+"/compiler",schemaPath:"#/properties/compiler/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/compiler",schemaPath:"#/properties/compiler/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.revision !== undefined){
let data2 = data.revision;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err11 = {instancePath:instancePath+"/revision",schemaPath:"#/properties/revision/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/revision",schemaPath:"#/properties/revision/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.sources !== undefined){
let data3 = data.sources;
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.path === undefined){
const err13 = {instancePath:instancePath+"/sources/" + i0,schemaPath:"#/properties/sources/items/required",keyword:"required",params:{missingProperty: "path"}};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data4.sha256 === undefined){
const err14 = {instancePath:instancePath+"/sources/" + i0,schemaPath:"#/properties/sources/items/required",keyword:"required",params:{missingProperty: "sha256"}};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
for(const key1 in data4){
if(!((key1 === "path") || (key1 === "sha256"))){
const err15 = {instancePath:instancePath+"/sources/" + i0,schemaPath:"#/properties/sources/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1}};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data4.path !== undefined){
let data5 = data4.path;
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err16 = {instancePath:instancePath+"/sources/" + i0+"/path",schemaPath:"#/properties/sources/items/properties/path/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/sources/" + i0+"/path",schemaPath:"#/properties/sources/items/properties/path/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data4.sha256 !== undefined){
let data6 = data4.sha256;
if(typeof data6 === "string"){
if(!pattern31.test(data6)){
const err18 = {instancePath:instancePath+"/sources/" + i0+"/sha256",schemaPath:"#/properties/sources/items/properties/sha256/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"}};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/sources/" + i0+"/sha256",schemaPath:"#/properties/sources/items/properties/sha256/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/sources/" + i0,schemaPath:"#/properties/sources/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/sources",schemaPath:"#/properties/sources/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data.bottles !== undefined){
let data7 = data.bottles;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key2 in data7){
if(!(pattern4.test(key2))){
const err22 = {instancePath:instancePath+"/bottles",schemaPath:"#/properties/bottles/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2}};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
for(const key3 in data7){
if(pattern4.test(key3)){
let data8 = data7[key3];
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.name === undefined){
const err23 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/required",keyword:"required",params:{missingProperty: "name"}};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data8.lineage === undefined){
const err24 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/required",keyword:"required",params:{missingProperty: "lineage"}};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
for(const key4 in data8){
if(!(func1.call(schema34.properties.bottles.patternProperties["^[a-z][a-z0-9-]*$"].properties, key4))){
const err25 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4}};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data8.name !== undefined){
let data9 = data8.name;
if(typeof data9 === "string"){
if(!pattern4.test(data9)){
const err26 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/name",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9-]*$"}};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/name",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/name/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data8.lineage !== undefined){
let data10 = data8.lineage;
if(Array.isArray(data10)){
const len1 = data10.length;
for(let i1=0; i1<len1; i1++){
let data11 = data10[i1];
if(typeof data11 === "string"){
if(!pattern4.test(data11)){
const err28 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/lineage/" + i1,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/lineage/items/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9-]*$"}};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/lineage/" + i1,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/lineage/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
let i2 = data10.length;
let j0;
if(i2 > 1){
const indices0 = {};
for(;i2--;){
let item0 = data10[i2];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err30 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/lineage",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/lineage/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0}};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
break;
}
indices0[item0] = i2;
}
}
}
else {
const err31 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/lineage",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/lineage/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data8.env !== undefined){
let data12 = data8.env;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
for(const key5 in data12){
if(!(pattern12.test(key5))){
const err32 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/env",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/env/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5}};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
for(const key6 in data12){
if(pattern12.test(key6)){
if(typeof data12[key6] !== "string"){
const err33 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/env/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/env/patternProperties/%5E%5BA-Za-z_%5D%5BA-Za-z0-9_%5D*%24/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
}
else {
const err34 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/env",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/env/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data8.agent_provider !== undefined){
let data14 = data8.agent_provider;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
for(const key7 in data14){
if(!((((((key7 === "template") || (key7 === "host")) || (key7 === "auth_token")) || (key7 === "forward_host_credentials")) || (key7 === "dockerfile")) || (key7 === "startup_args"))){
const err35 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7}};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data14.template !== undefined){
let data15 = data14.template;
if(typeof data15 === "string"){
if(!pattern14.test(data15)){
const err36 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider/template",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/properties/template/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9._-]*$"}};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider/template",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/properties/template/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data14.host !== undefined){
let data16 = data14.host;
if(typeof data16 === "string"){
if(func2(data16) > 253){
const err38 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider/host",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/properties/host/maxLength",keyword:"maxLength",params:{limit: 253}};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(!pattern15.test(data16)){
const err39 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider/host",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/properties/host/pattern",keyword:"pattern",params:{pattern: "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$"}};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider/host",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/properties/host/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data14.auth_token !== undefined){
let data17 = data14.auth_token;
if(typeof data17 === "string"){
if(!pattern16.test(data17)){
const err41 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider/auth_token",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/properties/auth_token/pattern",keyword:"pattern",params:{pattern: "^[A-Z_][A-Z0-9_]*$"}};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider/auth_token",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/properties/auth_token/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data14.forward_host_credentials !== undefined){
if(typeof data14.forward_host_credentials !== "boolean"){
const err43 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider/forward_host_credentials",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/properties/forward_host_credentials/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data14.dockerfile !== undefined){
let data19 = data14.dockerfile;
if(typeof data19 === "string"){
if(func2(data19) < 1){
const err44 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider/dockerfile",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/properties/dockerfile/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider/dockerfile",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/properties/dockerfile/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data14.startup_args !== undefined){
let data20 = data14.startup_args;
if(Array.isArray(data20)){
const len2 = data20.length;
for(let i3=0; i3<len2; i3++){
if(typeof data20[i3] !== "string"){
const err46 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider/startup_args/" + i3,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/properties/startup_args/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
else {
const err47 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider/startup_args",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/properties/startup_args/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
}
else {
const err48 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/agent_provider",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/agent_provider/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
if(data8["git-gate"] !== undefined){
let data22 = data8["git-gate"];
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
for(const key8 in data22){
if(!((key8 === "user") || (key8 === "repos"))){
const err49 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8}};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data22.user !== undefined){
let data23 = data22.user;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
for(const key9 in data23){
if(!((key9 === "name") || (key9 === "email"))){
const err50 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/user",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/user/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9}};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data23.name !== undefined){
let data24 = data23.name;
if(typeof data24 === "string"){
if(func2(data24) < 1){
const err51 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/user/name",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/user/properties/name/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
else {
const err52 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/user/name",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/user/properties/name/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data23.email !== undefined){
let data25 = data23.email;
if(typeof data25 === "string"){
if(!pattern6.test(data25)){
const err53 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/user/email",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/user/properties/email/pattern",keyword:"pattern",params:{pattern: "^[^\\s@]+@[^\\s@]+$"}};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
else {
const err54 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/user/email",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/user/properties/email/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/user",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/user/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data22.repos !== undefined){
let data26 = data22.repos;
if(data26 && typeof data26 == "object" && !Array.isArray(data26)){
for(const key10 in data26){
if(!(pattern18.test(key10))){
const err56 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/repos",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/repos/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10}};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
for(const key11 in data26){
if(pattern18.test(key11)){
let data27 = data26[key11];
if(data27 && typeof data27 == "object" && !Array.isArray(data27)){
for(const key12 in data27){
if(!(((key12 === "url") || (key12 === "key")) || (key12 === "host_key"))){
const err57 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/repos/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12}};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data27.url !== undefined){
let data28 = data27.url;
if(typeof data28 === "string"){
if(func2(data28) < 1){
const err58 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/repos/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/url",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/properties/url/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
else {
const err59 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/repos/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/url",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/properties/url/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data27.key !== undefined){
let data29 = data27.key;
if(typeof data29 === "string"){
if(func2(data29) < 1){
const err60 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/repos/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/properties/key/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
else {
const err61 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/repos/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/key",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/properties/key/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data27.host_key !== undefined){
let data30 = data27.host_key;
if(typeof data30 === "string"){
if(func2(data30) < 1){
const err62 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/repos/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/host_key",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/properties/host_key/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
else {
const err63 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/repos/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/host_key",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/properties/host_key/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
}
else {
const err64 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/repos/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/repos/patternProperties/%5E%5BA-Za-z0-9%5D%5BA-Za-z0-9._-%5D*%24/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
}
else {
const err65 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/repos",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/repos/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
}
else {
const err66 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
if(data8.egress !== undefined){
let data31 = data8.egress;
if(data31 && typeof data31 == "object" && !Array.isArray(data31)){
for(const key13 in data31){
if(!((key13 === "log") || (key13 === "routes"))){
const err67 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13}};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data31.log !== undefined){
let data32 = data31.log;
if(!(((typeof data32 == "number") && (!(data32 % 1) && !isNaN(data32))) && (isFinite(data32)))){
const err68 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/log",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/log/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if(!(((data32 === 0) || (data32 === 1)) || (data32 === 2))){
const err69 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/log",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/log/enum",keyword:"enum",params:{allowedValues: schema34.properties.bottles.patternProperties["^[a-z][a-z0-9-]*$"].properties.egress.properties.log.enum}};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
if(data31.routes !== undefined){
let data33 = data31.routes;
if(Array.isArray(data33)){
const len3 = data33.length;
for(let i4=0; i4<len3; i4++){
let data34 = data33[i4];
if(data34 && typeof data34 == "object" && !Array.isArray(data34)){
if(data34.host === undefined){
const err70 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/required",keyword:"required",params:{missingProperty: "host"}};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
for(const key14 in data34){
if(!((((((key14 === "host") || (key14 === "auth")) || (key14 === "matches")) || (key14 === "git")) || (key14 === "dlp")) || (key14 === "trusted"))){
const err71 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key14}};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data34.host !== undefined){
let data35 = data34.host;
if(typeof data35 === "string"){
if(func2(data35) > 253){
const err72 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/host",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/host/maxLength",keyword:"maxLength",params:{limit: 253}};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if(!pattern15.test(data35)){
const err73 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/host",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/host/pattern",keyword:"pattern",params:{pattern: "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$"}};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
else {
const err74 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/host",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/host/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
if(data34.auth !== undefined){
let data36 = data34.auth;
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
for(const key15 in data36){
if(!((key15 === "scheme") || (key15 === "token_ref"))){
const err75 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/auth",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/auth/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key15}};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
if(data36.scheme !== undefined){
let data37 = data36.scheme;
if(typeof data37 !== "string"){
const err76 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/auth/scheme",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/auth/properties/scheme/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if(!((data37 === "Bearer") || (data37 === "token"))){
const err77 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/auth/scheme",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/auth/properties/scheme/enum",keyword:"enum",params:{allowedValues: schema34.properties.bottles.patternProperties["^[a-z][a-z0-9-]*$"].properties.egress.properties.routes.items.properties.auth.properties.scheme.enum}};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data36.token_ref !== undefined){
let data38 = data36.token_ref;
if(typeof data38 === "string"){
if(!pattern16.test(data38)){
const err78 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/auth/token_ref",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/auth/properties/token_ref/pattern",keyword:"pattern",params:{pattern: "^[A-Z_][A-Z0-9_]*$"}};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
else {
const err79 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/auth/token_ref",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/auth/properties/token_ref/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
}
else {
const err80 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/auth",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/auth/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
if(data34.matches !== undefined){
let data39 = data34.matches;
if(Array.isArray(data39)){
if(data39.length < 1){
const err81 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/minItems",keyword:"minItems",params:{limit: 1}};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
const len4 = data39.length;
for(let i5=0; i5<len4; i5++){
let data40 = data39[i5];
if(data40 && typeof data40 == "object" && !Array.isArray(data40)){
if(Object.keys(data40).length < 1){
const err82 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/minProperties",keyword:"minProperties",params:{limit: 1}};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
for(const key16 in data40){
if(!(((key16 === "paths") || (key16 === "methods")) || (key16 === "headers"))){
const err83 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key16}};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data40.paths !== undefined){
let data41 = data40.paths;
if(Array.isArray(data41)){
if(data41.length < 1){
const err84 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/paths",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/paths/minItems",keyword:"minItems",params:{limit: 1}};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
const len5 = data41.length;
for(let i6=0; i6<len5; i6++){
let data42 = data41[i6];
if(data42 && typeof data42 == "object" && !Array.isArray(data42)){
if(data42.type === undefined){
const err85 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/paths/" + i6,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/required",keyword:"required",params:{missingProperty: "type"}};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
if(data42.value === undefined){
const err86 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/paths/" + i6,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/required",keyword:"required",params:{missingProperty: "value"}};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
for(const key17 in data42){
if(!((key17 === "type") || (key17 === "value"))){
const err87 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/paths/" + i6,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key17}};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
if(data42.type !== undefined){
let data43 = data42.type;
if(typeof data43 !== "string"){
const err88 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/paths/" + i6+"/type",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/properties/type/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
if(!(((data43 === "prefix") || (data43 === "exact")) || (data43 === "regex"))){
const err89 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/paths/" + i6+"/type",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/properties/type/enum",keyword:"enum",params:{allowedValues: schema34.properties.bottles.patternProperties["^[a-z][a-z0-9-]*$"].properties.egress.properties.routes.items.properties.matches.items.properties.paths.items.properties.type.enum}};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(data42.value !== undefined){
let data44 = data42.value;
if(typeof data44 === "string"){
if(func2(data44) < 1){
const err90 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/paths/" + i6+"/value",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/properties/value/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
else {
const err91 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/paths/" + i6+"/value",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/properties/value/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
}
else {
const err92 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/paths/" + i6,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/paths/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
}
else {
const err93 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/paths",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/paths/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
if(data40.methods !== undefined){
let data45 = data40.methods;
if(Array.isArray(data45)){
if(data45.length < 1){
const err94 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/methods",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/methods/minItems",keyword:"minItems",params:{limit: 1}};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
const len6 = data45.length;
for(let i7=0; i7<len6; i7++){
let data46 = data45[i7];
if(typeof data46 === "string"){
if(!pattern22.test(data46)){
const err95 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/methods/" + i7,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/methods/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z]+$"}};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
else {
const err96 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/methods/" + i7,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/methods/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
let i8 = data45.length;
let j1;
if(i8 > 1){
const indices1 = {};
for(;i8--;){
let item1 = data45[i8];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err97 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/methods",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/methods/uniqueItems",keyword:"uniqueItems",params:{i: i8, j: j1}};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
break;
}
indices1[item1] = i8;
}
}
}
else {
const err98 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/methods",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/methods/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
if(data40.headers !== undefined){
let data47 = data40.headers;
if(Array.isArray(data47)){
if(data47.length < 1){
const err99 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/headers",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/headers/minItems",keyword:"minItems",params:{limit: 1}};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
const len7 = data47.length;
for(let i9=0; i9<len7; i9++){
let data48 = data47[i9];
if(data48 && typeof data48 == "object" && !Array.isArray(data48)){
if(data48.name === undefined){
const err100 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/headers/" + i9,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/required",keyword:"required",params:{missingProperty: "name"}};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
if(data48.value === undefined){
const err101 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/headers/" + i9,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/required",keyword:"required",params:{missingProperty: "value"}};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
for(const key18 in data48){
if(!(((key18 === "name") || (key18 === "value")) || (key18 === "type"))){
const err102 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/headers/" + i9,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key18}};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
if(data48.name !== undefined){
let data49 = data48.name;
if(typeof data49 === "string"){
if(!pattern23.test(data49)){
const err103 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/headers/" + i9+"/name",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"}};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
else {
const err104 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/headers/" + i9+"/name",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/properties/name/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
if(data48.value !== undefined){
if(typeof data48.value !== "string"){
const err105 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/headers/" + i9+"/value",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/properties/value/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
if(data48.type !== undefined){
let data51 = data48.type;
if(typeof data51 !== "string"){
const err106 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/headers/" + i9+"/type",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/properties/type/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
if(!((data51 === "exact") || (data51 === "regex"))){
const err107 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/headers/" + i9+"/type",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/properties/type/enum",keyword:"enum",params:{allowedValues: schema34.properties.bottles.patternProperties["^[a-z][a-z0-9-]*$"].properties.egress.properties.routes.items.properties.matches.items.properties.headers.items.properties.type.enum}};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
}
else {
const err108 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/headers/" + i9,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/headers/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
}
else {
const err109 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5+"/headers",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/properties/headers/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
}
}
else {
const err110 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches/" + i5,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
}
else {
const err111 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/matches",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/matches/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
if(data34.git !== undefined){
let data52 = data34.git;
if(data52 && typeof data52 == "object" && !Array.isArray(data52)){
for(const key19 in data52){
if(!(key19 === "fetch")){
const err112 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/git",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/git/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key19}};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
}
if(data52.fetch !== undefined){
if(typeof data52.fetch !== "boolean"){
const err113 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/git/fetch",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/git/properties/fetch/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
}
else {
const err114 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/git",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/git/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
if(data34.dlp !== undefined){
let data54 = data34.dlp;
const _errs126 = errors;
let valid35 = false;
let passing0 = null;
const _errs127 = errors;
if(false !== data54){
const err115 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/0/const",keyword:"const",params:{allowedValue: false}};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
var _valid0 = _errs127 === errors;
if(_valid0){
valid35 = true;
passing0 = 0;
}
const _errs128 = errors;
if(data54 && typeof data54 == "object" && !Array.isArray(data54)){
for(const key20 in data54){
if(!(((key20 === "outbound_detectors") || (key20 === "inbound_detectors")) || (key20 === "outbound_on_match"))){
const err116 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key20}};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
if(data54.outbound_detectors !== undefined){
let data55 = data54.outbound_detectors;
const _errs132 = errors;
let valid37 = false;
let passing1 = null;
const _errs133 = errors;
if(false !== data55){
const err117 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/outbound_detectors",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_detectors/oneOf/0/const",keyword:"const",params:{allowedValue: false}};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
var _valid1 = _errs133 === errors;
if(_valid1){
valid37 = true;
passing1 = 0;
}
const _errs134 = errors;
if(Array.isArray(data55)){
const len8 = data55.length;
for(let i10=0; i10<len8; i10++){
let data56 = data55[i10];
if(typeof data56 === "string"){
if(func2(data56) < 1){
const err118 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/outbound_detectors/" + i10,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_detectors/oneOf/1/items/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
else {
const err119 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/outbound_detectors/" + i10,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_detectors/oneOf/1/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
let i11 = data55.length;
let j2;
if(i11 > 1){
const indices2 = {};
for(;i11--;){
let item2 = data55[i11];
if(typeof item2 !== "string"){
continue;
}
if(typeof indices2[item2] == "number"){
j2 = indices2[item2];
const err120 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/outbound_detectors",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_detectors/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i11, j: j2}};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
break;
}
indices2[item2] = i11;
}
}
}
else {
const err121 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/outbound_detectors",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_detectors/oneOf/1/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
var _valid1 = _errs134 === errors;
if(_valid1 && valid37){
valid37 = false;
passing1 = [passing1, 1];
}
else {
if(_valid1){
valid37 = true;
passing1 = 1;
}
}
if(!valid37){
const err122 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/outbound_detectors",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_detectors/oneOf",keyword:"oneOf",params:{passingSchemas: passing1}};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
else {
errors = _errs132;
if(vErrors !== null){
if(_errs132){
vErrors.length = _errs132;
}
else {
vErrors = null;
}
}
}
}
if(data54.inbound_detectors !== undefined){
let data57 = data54.inbound_detectors;
const _errs139 = errors;
let valid41 = false;
let passing2 = null;
const _errs140 = errors;
if(false !== data57){
const err123 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/inbound_detectors",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/inbound_detectors/oneOf/0/const",keyword:"const",params:{allowedValue: false}};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
var _valid2 = _errs140 === errors;
if(_valid2){
valid41 = true;
passing2 = 0;
}
const _errs141 = errors;
if(Array.isArray(data57)){
const len9 = data57.length;
for(let i12=0; i12<len9; i12++){
let data58 = data57[i12];
if(typeof data58 === "string"){
if(func2(data58) < 1){
const err124 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/inbound_detectors/" + i12,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/inbound_detectors/oneOf/1/items/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
else {
const err125 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/inbound_detectors/" + i12,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/inbound_detectors/oneOf/1/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
let i13 = data57.length;
let j3;
if(i13 > 1){
const indices3 = {};
for(;i13--;){
let item3 = data57[i13];
if(typeof item3 !== "string"){
continue;
}
if(typeof indices3[item3] == "number"){
j3 = indices3[item3];
const err126 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/inbound_detectors",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/inbound_detectors/oneOf/1/uniqueItems",keyword:"uniqueItems",params:{i: i13, j: j3}};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
break;
}
indices3[item3] = i13;
}
}
}
else {
const err127 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/inbound_detectors",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/inbound_detectors/oneOf/1/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
var _valid2 = _errs141 === errors;
if(_valid2 && valid41){
valid41 = false;
passing2 = [passing2, 1];
}
else {
if(_valid2){
valid41 = true;
passing2 = 1;
}
}
if(!valid41){
const err128 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/inbound_detectors",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/inbound_detectors/oneOf",keyword:"oneOf",params:{passingSchemas: passing2}};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
else {
errors = _errs139;
if(vErrors !== null){
if(_errs139){
vErrors.length = _errs139;
}
else {
vErrors = null;
}
}
}
}
if(data54.outbound_on_match !== undefined){
let data59 = data54.outbound_on_match;
if(typeof data59 !== "string"){
const err129 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/outbound_on_match",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_on_match/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
if(!(((data59 === "block") || (data59 === "redact")) || (data59 === "supervise"))){
const err130 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp/outbound_on_match",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/properties/outbound_on_match/enum",keyword:"enum",params:{allowedValues: schema34.properties.bottles.patternProperties["^[a-z][a-z0-9-]*$"].properties.egress.properties.routes.items.properties.dlp.oneOf[1].properties.outbound_on_match.enum}};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
}
else {
const err131 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf/1/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
var _valid0 = _errs128 === errors;
if(_valid0 && valid35){
valid35 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid35 = true;
passing0 = 1;
}
}
if(!valid35){
const err132 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/dlp",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/dlp/oneOf",keyword:"oneOf",params:{passingSchemas: passing0}};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
else {
errors = _errs126;
if(vErrors !== null){
if(_errs126){
vErrors.length = _errs126;
}
else {
vErrors = null;
}
}
}
}
if(data34.trusted !== undefined){
if(typeof data34.trusted !== "boolean"){
const err133 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4+"/trusted",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/properties/trusted/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
}
else {
const err134 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes/" + i4,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
}
else {
const err135 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress/routes",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/properties/routes/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
}
else {
const err136 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/egress",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/egress/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
if(data8.budget !== undefined){
let data61 = data8.budget;
if(data61 && typeof data61 == "object" && !Array.isArray(data61)){
for(const key21 in data61){
if(!((key21 === "cutoff") || (pattern7.test(key21)))){
const err137 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key21}};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
if(data61.cutoff !== undefined){
let data62 = data61.cutoff;
if(typeof data62 !== "string"){
const err138 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/cutoff",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/properties/cutoff/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
if(!(((data62 === "cutoff") || (data62 === "freeze")) || (data62 === "kill"))){
const err139 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/cutoff",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/properties/cutoff/enum",keyword:"enum",params:{allowedValues: schema34.properties.bottles.patternProperties["^[a-z][a-z0-9-]*$"].properties.budget.properties.cutoff.enum}};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
for(const key22 in data61){
if(pattern7.test(key22)){
let data63 = data61[key22];
const _errs155 = errors;
let valid47 = false;
let passing3 = null;
const _errs156 = errors;
if(!(((typeof data63 == "number") && (!(data63 % 1) && !isNaN(data63))) && (isFinite(data63)))){
const err140 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key22.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/0/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
if((typeof data63 == "number") && (isFinite(data63))){
if(data63 < 1 || isNaN(data63)){
const err141 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key22.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
var _valid3 = _errs156 === errors;
if(_valid3){
valid47 = true;
passing3 = 0;
}
const _errs158 = errors;
if(data63 && typeof data63 == "object" && !Array.isArray(data63)){
if(data63.tokens === undefined){
const err142 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key22.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/required",keyword:"required",params:{missingProperty: "tokens"}};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
for(const key23 in data63){
if(!((key23 === "tokens") || (key23 === "window"))){
const err143 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key22.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key23}};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
}
if(data63.tokens !== undefined){
let data64 = data63.tokens;
if(!(((typeof data64 == "number") && (!(data64 % 1) && !isNaN(data64))) && (isFinite(data64)))){
const err144 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key22.replace(/~/g, "~0").replace(/\//g, "~1")+"/tokens",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/tokens/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
if((typeof data64 == "number") && (isFinite(data64))){
if(data64 < 1 || isNaN(data64)){
const err145 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key22.replace(/~/g, "~0").replace(/\//g, "~1")+"/tokens",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/tokens/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
}
}
if(data63.window !== undefined){
let data65 = data63.window;
if(typeof data65 === "string"){
if(!pattern9.test(data65)){
const err146 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key22.replace(/~/g, "~0").replace(/\//g, "~1")+"/window",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/window/pattern",keyword:"pattern",params:{pattern: "^[1-9][0-9]*[mhdw]$"}};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
}
else {
const err147 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key22.replace(/~/g, "~0").replace(/\//g, "~1")+"/window",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/window/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
}
}
else {
const err148 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key22.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
var _valid3 = _errs158 === errors;
if(_valid3 && valid47){
valid47 = false;
passing3 = [passing3, 1];
}
else {
if(_valid3){
valid47 = true;
passing3 = 1;
}
}
if(!valid47){
const err149 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key22.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf",keyword:"oneOf",params:{passingSchemas: passing3}};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
else {
errors = _errs155;
if(vErrors !== null){
if(_errs155){
vErrors.length = _errs155;
}
else {
vErrors = null;
}
}
}
}
}
}
else {
const err150 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
}
if(data8.approvals !== undefined){
let data66 = data8.approvals;
if(data66 && typeof data66 == "object" && !Array.isArray(data66)){
for(const key24 in data66){
if(!(((key24 === "rules") || (key24 === "default")) || (key24 === "ttl_seconds"))){
const err151 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key24}};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
}
if(data66.rules !== undefined){
let data67 = data66.rules;
if(Array.isArray(data67)){
const len10 = data67.length;
for(let i14=0; i14<len10; i14++){
let data68 = data67[i14];
if(data68 && typeof data68 == "object" && !Array.isArray(data68)){
if(data68.match === undefined){
const err152 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/required",keyword:"required",params:{missingProperty: "match"}};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
if(data68.action === undefined){
const err153 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/required",keyword:"required",params:{missingProperty: "action"}};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
for(const key25 in data68){
if(!((key25 === "match") || (key25 === "action"))){
const err154 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key25}};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
}
if(data68.match !== undefined){
let data69 = data68.match;
if(data69 && typeof data69 == "object" && !Array.isArray(data69)){
for(const key26 in data69){
if(!((((key26 === "category") || (key26 === "tool")) || (key26 === "host")) || (key26 === "cost_over"))){
const err155 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14+"/match",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/properties/match/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key26}};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
}
if(data69.category !== undefined){
let data70 = data69.category;
if(typeof data70 !== "string"){
const err156 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14+"/match/category",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/properties/match/properties/category/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
if(!(((data70 === "egress") || (data70 === "dlp")) || (data70 === "budget"))){
const err157 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14+"/match/category",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/properties/match/properties/category/enum",keyword:"enum",params:{allowedValues: schema34.properties.bottles.patternProperties["^[a-z][a-z0-9-]*$"].properties.approvals.properties.rules.items.properties.match.properties.category.enum}};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
}
if(data69.tool !== undefined){
let data71 = data69.tool;
if(typeof data71 === "string"){
if(func2(data71) < 1){
const err158 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14+"/match/tool",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/properties/match/properties/tool/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err158];
}
else {
vErrors.push(err158);
}
errors++;
}
}
else {
const err159 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14+"/match/tool",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/properties/match/properties/tool/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err159];
}
else {
vErrors.push(err159);
}
errors++;
}
}
if(data69.host !== undefined){
let data72 = data69.host;
if(typeof data72 === "string"){
if(func2(data72) < 1){
const err160 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14+"/match/host",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/properties/match/properties/host/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err160];
}
else {
vErrors.push(err160);
}
errors++;
}
}
else {
const err161 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14+"/match/host",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/properties/match/properties/host/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err161];
}
else {
vErrors.push(err161);
}
errors++;
}
}
if(data69.cost_over !== undefined){
let data73 = data69.cost_over;
if(!(((typeof data73 == "number") && (!(data73 % 1) && !isNaN(data73))) && (isFinite(data73)))){
const err162 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14+"/match/cost_over",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/properties/match/properties/cost_over/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err162];
}
else {
vErrors.push(err162);
}
errors++;
}
if((typeof data73 == "number") && (isFinite(data73))){
if(data73 < 0 || isNaN(data73)){
const err163 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14+"/match/cost_over",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/properties/match/properties/cost_over/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0}};
if(vErrors === null){
vErrors = [err163];
}
else {
vErrors.push(err163);
}
errors++;
}
}
}
}
else {
const err164 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14+"/match",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/properties/match/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err164];
}
else {
vErrors.push(err164);
}
errors++;
}
}
if(data68.action !== undefined){
let data74 = data68.action;
if(typeof data74 !== "string"){
const err165 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14+"/action",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/properties/action/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err165];
}
else {
vErrors.push(err165);
}
errors++;
}
if(!(((data74 === "auto_approve") || (data74 === "auto_reject")) || (data74 === "block"))){
const err166 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14+"/action",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/properties/action/enum",keyword:"enum",params:{allowedValues: schema34.properties.bottles.patternProperties["^[a-z][a-z0-9-]*$"].properties.approvals.properties.rules.items.properties.action.enum}};
if(vErrors === null){
vErrors = [err166];
}
else {
vErrors.push(err166);
}
errors++;
}
}
}
else {
const err167 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules/" + i14,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err167];
}
else {
vErrors.push(err167);
}
errors++;
}
}
}
else {
const err168 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/rules",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/rules/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err168];
}
else {
vErrors.push(err168);
}
errors++;
}
}
if(data66.default !== undefined){
let data75 = data66.default;
if(typeof data75 !== "string"){
const err169 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/default",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/default/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err169];
}
else {
vErrors.push(err169);
}
errors++;
}
if(!(((data75 === "auto_approve") || (data75 === "auto_reject")) || (data75 === "block"))){
const err170 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/default",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/default/enum",keyword:"enum",params:{allowedValues: schema34.properties.bottles.patternProperties["^[a-z][a-z0-9-]*$"].properties.approvals.properties.default.enum}};
if(vErrors === null){
vErrors = [err170];
}
else {
vErrors.push(err170);
}
errors++;
}
}
if(data66.ttl_seconds !== undefined){
let data76 = data66.ttl_seconds;
if(!(((typeof data76 == "number") && (!(data76 % 1) && !isNaN(data76))) && (isFinite(data76)))){
const err171 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/ttl_seconds",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/ttl_seconds/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err171];
}
else {
vErrors.push(err171);
}
errors++;
}
if((typeof data76 == "number") && (isFinite(data76))){
if(data76 < 1 || isNaN(data76)){
const err172 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals/ttl_seconds",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/properties/ttl_seconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err172];
}
else {
vErrors.push(err172);
}
errors++;
}
}
}
}
else {
const err173 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/approvals",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/approvals/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err173];
}
else {
vErrors.push(err173);
}
errors++;
}
}
if(data8.plugins !== undefined){
let data77 = data8.plugins;
if(Array.isArray(data77)){
const len11 = data77.length;
for(let i15=0; i15<len11; i15++){
let data78 = data77[i15];
if(data78 && typeof data78 == "object" && !Array.isArray(data78)){
if(data78.use === undefined){
const err174 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/plugins/" + i15,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/plugins/items/required",keyword:"required",params:{missingProperty: "use"}};
if(vErrors === null){
vErrors = [err174];
}
else {
vErrors.push(err174);
}
errors++;
}
for(const key27 in data78){
if(!((key27 === "use") || (key27 === "options"))){
const err175 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/plugins/" + i15,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/plugins/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key27}};
if(vErrors === null){
vErrors = [err175];
}
else {
vErrors.push(err175);
}
errors++;
}
}
if(data78.use !== undefined){
let data79 = data78.use;
if(typeof data79 === "string"){
if(!pattern27.test(data79)){
const err176 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/plugins/" + i15+"/use",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/plugins/items/properties/use/pattern",keyword:"pattern",params:{pattern: "^(?:[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+|\\./(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.(?:ts|mts|js|mjs))$"}};
if(vErrors === null){
vErrors = [err176];
}
else {
vErrors.push(err176);
}
errors++;
}
}
else {
const err177 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/plugins/" + i15+"/use",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/plugins/items/properties/use/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err177];
}
else {
vErrors.push(err177);
}
errors++;
}
}
if(data78.options !== undefined){
let data80 = data78.options;
if(!(data80 && typeof data80 == "object" && !Array.isArray(data80))){
const err178 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/plugins/" + i15+"/options",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/plugins/items/properties/options/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err178];
}
else {
vErrors.push(err178);
}
errors++;
}
}
}
else {
const err179 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/plugins/" + i15,schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/plugins/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err179];
}
else {
vErrors.push(err179);
}
errors++;
}
}
}
else {
const err180 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/plugins",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/plugins/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err180];
}
else {
vErrors.push(err180);
}
errors++;
}
}
if(data8.rule_of_two !== undefined){
let data81 = data8.rule_of_two;
if(data81 && typeof data81 == "object" && !Array.isArray(data81)){
if(data81.waive === undefined){
const err181 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/rule_of_two",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/rule_of_two/required",keyword:"required",params:{missingProperty: "waive"}};
if(vErrors === null){
vErrors = [err181];
}
else {
vErrors.push(err181);
}
errors++;
}
if(data81.justification === undefined){
const err182 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/rule_of_two",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/rule_of_two/required",keyword:"required",params:{missingProperty: "justification"}};
if(vErrors === null){
vErrors = [err182];
}
else {
vErrors.push(err182);
}
errors++;
}
for(const key28 in data81){
if(!((key28 === "waive") || (key28 === "justification"))){
const err183 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/rule_of_two",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/rule_of_two/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key28}};
if(vErrors === null){
vErrors = [err183];
}
else {
vErrors.push(err183);
}
errors++;
}
}
if(data81.waive !== undefined){
if(typeof data81.waive !== "boolean"){
const err184 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/rule_of_two/waive",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/rule_of_two/properties/waive/type",keyword:"type",params:{type: "boolean"}};
if(vErrors === null){
vErrors = [err184];
}
else {
vErrors.push(err184);
}
errors++;
}
}
if(data81.justification !== undefined){
if(typeof data81.justification !== "string"){
const err185 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/rule_of_two/justification",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/rule_of_two/properties/justification/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err185];
}
else {
vErrors.push(err185);
}
errors++;
}
}
}
else {
const err186 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1")+"/rule_of_two",schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/rule_of_two/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err186];
}
else {
vErrors.push(err186);
}
errors++;
}
}
}
else {
const err187 = {instancePath:instancePath+"/bottles/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/bottles/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err187];
}
else {
vErrors.push(err187);
}
errors++;
}
}
}
}
else {
const err188 = {instancePath:instancePath+"/bottles",schemaPath:"#/properties/bottles/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err188];
}
else {
vErrors.push(err188);
}
errors++;
}
}
if(data.agents !== undefined){
let data84 = data.agents;
if(data84 && typeof data84 == "object" && !Array.isArray(data84)){
for(const key29 in data84){
if(!(pattern4.test(key29))){
const err189 = {instancePath:instancePath+"/agents",schemaPath:"#/properties/agents/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key29}};
if(vErrors === null){
vErrors = [err189];
}
else {
vErrors.push(err189);
}
errors++;
}
}
for(const key30 in data84){
if(pattern4.test(key30)){
let data85 = data84[key30];
if(data85 && typeof data85 == "object" && !Array.isArray(data85)){
if(data85.name === undefined){
const err190 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/required",keyword:"required",params:{missingProperty: "name"}};
if(vErrors === null){
vErrors = [err190];
}
else {
vErrors.push(err190);
}
errors++;
}
if(data85.bottles === undefined){
const err191 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/required",keyword:"required",params:{missingProperty: "bottles"}};
if(vErrors === null){
vErrors = [err191];
}
else {
vErrors.push(err191);
}
errors++;
}
if(data85.prompt === undefined){
const err192 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/required",keyword:"required",params:{missingProperty: "prompt"}};
if(vErrors === null){
vErrors = [err192];
}
else {
vErrors.push(err192);
}
errors++;
}
for(const key31 in data85){
if(!(((((((key31 === "name") || (key31 === "bottles")) || (key31 === "skills")) || (key31 === "git-gate")) || (key31 === "budget")) || (key31 === "subagent")) || (key31 === "prompt"))){
const err193 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key31}};
if(vErrors === null){
vErrors = [err193];
}
else {
vErrors.push(err193);
}
errors++;
}
}
if(data85.name !== undefined){
let data86 = data85.name;
if(typeof data86 === "string"){
if(!pattern4.test(data86)){
const err194 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/name",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9-]*$"}};
if(vErrors === null){
vErrors = [err194];
}
else {
vErrors.push(err194);
}
errors++;
}
}
else {
const err195 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/name",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/name/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err195];
}
else {
vErrors.push(err195);
}
errors++;
}
}
if(data85.bottles !== undefined){
let data87 = data85.bottles;
if(Array.isArray(data87)){
if(data87.length < 1){
const err196 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/bottles",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/bottles/minItems",keyword:"minItems",params:{limit: 1}};
if(vErrors === null){
vErrors = [err196];
}
else {
vErrors.push(err196);
}
errors++;
}
const len12 = data87.length;
for(let i16=0; i16<len12; i16++){
let data88 = data87[i16];
if(typeof data88 === "string"){
if(!pattern4.test(data88)){
const err197 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/bottles/" + i16,schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/bottles/items/pattern",keyword:"pattern",params:{pattern: "^[a-z][a-z0-9-]*$"}};
if(vErrors === null){
vErrors = [err197];
}
else {
vErrors.push(err197);
}
errors++;
}
}
else {
const err198 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/bottles/" + i16,schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/bottles/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err198];
}
else {
vErrors.push(err198);
}
errors++;
}
}
let i17 = data87.length;
let j4;
if(i17 > 1){
const indices4 = {};
for(;i17--;){
let item4 = data87[i17];
if(typeof item4 !== "string"){
continue;
}
if(typeof indices4[item4] == "number"){
j4 = indices4[item4];
const err199 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/bottles",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/bottles/uniqueItems",keyword:"uniqueItems",params:{i: i17, j: j4}};
if(vErrors === null){
vErrors = [err199];
}
else {
vErrors.push(err199);
}
errors++;
break;
}
indices4[item4] = i17;
}
}
}
else {
const err200 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/bottles",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/bottles/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err200];
}
else {
vErrors.push(err200);
}
errors++;
}
}
if(data85.skills !== undefined){
let data89 = data85.skills;
if(Array.isArray(data89)){
const len13 = data89.length;
for(let i18=0; i18<len13; i18++){
let data90 = data89[i18];
if(typeof data90 === "string"){
if(func2(data90) < 1){
const err201 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/skills/" + i18,schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/skills/items/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err201];
}
else {
vErrors.push(err201);
}
errors++;
}
}
else {
const err202 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/skills/" + i18,schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/skills/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err202];
}
else {
vErrors.push(err202);
}
errors++;
}
}
let i19 = data89.length;
let j5;
if(i19 > 1){
const indices5 = {};
for(;i19--;){
let item5 = data89[i19];
if(typeof item5 !== "string"){
continue;
}
if(typeof indices5[item5] == "number"){
j5 = indices5[item5];
const err203 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/skills",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/skills/uniqueItems",keyword:"uniqueItems",params:{i: i19, j: j5}};
if(vErrors === null){
vErrors = [err203];
}
else {
vErrors.push(err203);
}
errors++;
break;
}
indices5[item5] = i19;
}
}
}
else {
const err204 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/skills",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/skills/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err204];
}
else {
vErrors.push(err204);
}
errors++;
}
}
if(data85["git-gate"] !== undefined){
let data91 = data85["git-gate"];
if(data91 && typeof data91 == "object" && !Array.isArray(data91)){
for(const key32 in data91){
if(!(key32 === "user")){
const err205 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key32}};
if(vErrors === null){
vErrors = [err205];
}
else {
vErrors.push(err205);
}
errors++;
}
}
if(data91.user !== undefined){
let data92 = data91.user;
if(data92 && typeof data92 == "object" && !Array.isArray(data92)){
for(const key33 in data92){
if(!((key33 === "name") || (key33 === "email"))){
const err206 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/user",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/user/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key33}};
if(vErrors === null){
vErrors = [err206];
}
else {
vErrors.push(err206);
}
errors++;
}
}
if(data92.name !== undefined){
let data93 = data92.name;
if(typeof data93 === "string"){
if(func2(data93) < 1){
const err207 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/user/name",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/user/properties/name/minLength",keyword:"minLength",params:{limit: 1}};
if(vErrors === null){
vErrors = [err207];
}
else {
vErrors.push(err207);
}
errors++;
}
}
else {
const err208 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/user/name",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/user/properties/name/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err208];
}
else {
vErrors.push(err208);
}
errors++;
}
}
if(data92.email !== undefined){
let data94 = data92.email;
if(typeof data94 === "string"){
if(!pattern6.test(data94)){
const err209 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/user/email",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/user/properties/email/pattern",keyword:"pattern",params:{pattern: "^[^\\s@]+@[^\\s@]+$"}};
if(vErrors === null){
vErrors = [err209];
}
else {
vErrors.push(err209);
}
errors++;
}
}
else {
const err210 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/user/email",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/user/properties/email/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err210];
}
else {
vErrors.push(err210);
}
errors++;
}
}
}
else {
const err211 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate/user",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/properties/user/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err211];
}
else {
vErrors.push(err211);
}
errors++;
}
}
}
else {
const err212 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/git-gate",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/git-gate/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err212];
}
else {
vErrors.push(err212);
}
errors++;
}
}
if(data85.budget !== undefined){
let data95 = data85.budget;
if(data95 && typeof data95 == "object" && !Array.isArray(data95)){
for(const key34 in data95){
if(!((key34 === "cutoff") || (pattern7.test(key34)))){
const err213 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key34}};
if(vErrors === null){
vErrors = [err213];
}
else {
vErrors.push(err213);
}
errors++;
}
}
if(data95.cutoff !== undefined){
let data96 = data95.cutoff;
if(typeof data96 !== "string"){
const err214 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/cutoff",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/properties/cutoff/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err214];
}
else {
vErrors.push(err214);
}
errors++;
}
if(!(((data96 === "cutoff") || (data96 === "freeze")) || (data96 === "kill"))){
const err215 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/cutoff",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/properties/cutoff/enum",keyword:"enum",params:{allowedValues: schema34.properties.agents.patternProperties["^[a-z][a-z0-9-]*$"].properties.budget.properties.cutoff.enum}};
if(vErrors === null){
vErrors = [err215];
}
else {
vErrors.push(err215);
}
errors++;
}
}
for(const key35 in data95){
if(pattern7.test(key35)){
let data97 = data95[key35];
const _errs238 = errors;
let valid70 = false;
let passing4 = null;
const _errs239 = errors;
if(!(((typeof data97 == "number") && (!(data97 % 1) && !isNaN(data97))) && (isFinite(data97)))){
const err216 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key35.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/0/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err216];
}
else {
vErrors.push(err216);
}
errors++;
}
if((typeof data97 == "number") && (isFinite(data97))){
if(data97 < 1 || isNaN(data97)){
const err217 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key35.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/0/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err217];
}
else {
vErrors.push(err217);
}
errors++;
}
}
var _valid4 = _errs239 === errors;
if(_valid4){
valid70 = true;
passing4 = 0;
}
const _errs241 = errors;
if(data97 && typeof data97 == "object" && !Array.isArray(data97)){
if(data97.tokens === undefined){
const err218 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key35.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/required",keyword:"required",params:{missingProperty: "tokens"}};
if(vErrors === null){
vErrors = [err218];
}
else {
vErrors.push(err218);
}
errors++;
}
for(const key36 in data97){
if(!((key36 === "tokens") || (key36 === "window"))){
const err219 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key35.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key36}};
if(vErrors === null){
vErrors = [err219];
}
else {
vErrors.push(err219);
}
errors++;
}
}
if(data97.tokens !== undefined){
let data98 = data97.tokens;
if(!(((typeof data98 == "number") && (!(data98 % 1) && !isNaN(data98))) && (isFinite(data98)))){
const err220 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key35.replace(/~/g, "~0").replace(/\//g, "~1")+"/tokens",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/tokens/type",keyword:"type",params:{type: "integer"}};
if(vErrors === null){
vErrors = [err220];
}
else {
vErrors.push(err220);
}
errors++;
}
if((typeof data98 == "number") && (isFinite(data98))){
if(data98 < 1 || isNaN(data98)){
const err221 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key35.replace(/~/g, "~0").replace(/\//g, "~1")+"/tokens",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/tokens/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1}};
if(vErrors === null){
vErrors = [err221];
}
else {
vErrors.push(err221);
}
errors++;
}
}
}
if(data97.window !== undefined){
let data99 = data97.window;
if(typeof data99 === "string"){
if(!pattern9.test(data99)){
const err222 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key35.replace(/~/g, "~0").replace(/\//g, "~1")+"/window",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/window/pattern",keyword:"pattern",params:{pattern: "^[1-9][0-9]*[mhdw]$"}};
if(vErrors === null){
vErrors = [err222];
}
else {
vErrors.push(err222);
}
errors++;
}
}
else {
const err223 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key35.replace(/~/g, "~0").replace(/\//g, "~1")+"/window",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/properties/window/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err223];
}
else {
vErrors.push(err223);
}
errors++;
}
}
}
else {
const err224 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key35.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf/1/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err224];
}
else {
vErrors.push(err224);
}
errors++;
}
var _valid4 = _errs241 === errors;
if(_valid4 && valid70){
valid70 = false;
passing4 = [passing4, 1];
}
else {
if(_valid4){
valid70 = true;
passing4 = 1;
}
}
if(!valid70){
const err225 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget/" + key35.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/patternProperties/%5E(%3F!cutoff%24)%5Ba-z%5D%5Ba-z0-9._-%5D*%24/oneOf",keyword:"oneOf",params:{passingSchemas: passing4}};
if(vErrors === null){
vErrors = [err225];
}
else {
vErrors.push(err225);
}
errors++;
}
else {
errors = _errs238;
if(vErrors !== null){
if(_errs238){
vErrors.length = _errs238;
}
else {
vErrors = null;
}
}
}
}
}
}
else {
const err226 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/budget",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/budget/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err226];
}
else {
vErrors.push(err226);
}
errors++;
}
}
if(data85.subagent !== undefined){
let data100 = data85.subagent;
if(data100 && typeof data100 == "object" && !Array.isArray(data100)){
for(const key37 in data100){
if(!((((((key37 === "name") || (key37 === "description")) || (key37 === "model")) || (key37 === "color")) || (key37 === "memory")) || (key37 === "tools"))){
const err227 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/subagent",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/subagent/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key37}};
if(vErrors === null){
vErrors = [err227];
}
else {
vErrors.push(err227);
}
errors++;
}
}
if(data100.name !== undefined){
if(typeof data100.name !== "string"){
const err228 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/subagent/name",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/subagent/properties/name/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err228];
}
else {
vErrors.push(err228);
}
errors++;
}
}
if(data100.description !== undefined){
if(typeof data100.description !== "string"){
const err229 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/subagent/description",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/subagent/properties/description/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err229];
}
else {
vErrors.push(err229);
}
errors++;
}
}
if(data100.model !== undefined){
if(typeof data100.model !== "string"){
const err230 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/subagent/model",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/subagent/properties/model/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err230];
}
else {
vErrors.push(err230);
}
errors++;
}
}
if(data100.color !== undefined){
if(typeof data100.color !== "string"){
const err231 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/subagent/color",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/subagent/properties/color/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err231];
}
else {
vErrors.push(err231);
}
errors++;
}
}
if(data100.memory !== undefined){
if(typeof data100.memory !== "string"){
const err232 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/subagent/memory",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/subagent/properties/memory/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err232];
}
else {
vErrors.push(err232);
}
errors++;
}
}
if(data100.tools !== undefined){
let data106 = data100.tools;
const _errs262 = errors;
let valid73 = false;
let passing5 = null;
const _errs263 = errors;
if(typeof data106 !== "string"){
const err233 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/subagent/tools",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/subagent/properties/tools/oneOf/0/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err233];
}
else {
vErrors.push(err233);
}
errors++;
}
var _valid5 = _errs263 === errors;
if(_valid5){
valid73 = true;
passing5 = 0;
}
const _errs265 = errors;
if(Array.isArray(data106)){
const len14 = data106.length;
for(let i20=0; i20<len14; i20++){
if(typeof data106[i20] !== "string"){
const err234 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/subagent/tools/" + i20,schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/subagent/properties/tools/oneOf/1/items/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err234];
}
else {
vErrors.push(err234);
}
errors++;
}
}
}
else {
const err235 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/subagent/tools",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/subagent/properties/tools/oneOf/1/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err235];
}
else {
vErrors.push(err235);
}
errors++;
}
var _valid5 = _errs265 === errors;
if(_valid5 && valid73){
valid73 = false;
passing5 = [passing5, 1];
}
else {
if(_valid5){
valid73 = true;
passing5 = 1;
}
}
if(!valid73){
const err236 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/subagent/tools",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/subagent/properties/tools/oneOf",keyword:"oneOf",params:{passingSchemas: passing5}};
if(vErrors === null){
vErrors = [err236];
}
else {
vErrors.push(err236);
}
errors++;
}
else {
errors = _errs262;
if(vErrors !== null){
if(_errs262){
vErrors.length = _errs262;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err237 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/subagent",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/subagent/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err237];
}
else {
vErrors.push(err237);
}
errors++;
}
}
if(data85.prompt !== undefined){
if(typeof data85.prompt !== "string"){
const err238 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1")+"/prompt",schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/properties/prompt/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err238];
}
else {
vErrors.push(err238);
}
errors++;
}
}
}
else {
const err239 = {instancePath:instancePath+"/agents/" + key30.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/agents/patternProperties/%5E%5Ba-z%5D%5Ba-z0-9-%5D*%24/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err239];
}
else {
vErrors.push(err239);
}
errors++;
}
}
}
}
else {
const err240 = {instancePath:instancePath+"/agents",schemaPath:"#/properties/agents/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err240];
}
else {
vErrors.push(err240);
}
errors++;
}
}
if(data.plugins !== undefined){
let data109 = data.plugins;
if(data109 && typeof data109 == "object" && !Array.isArray(data109)){
for(const key38 in data109){
let data110 = data109[key38];
if(!(data110 && typeof data110 == "object" && !Array.isArray(data110))){
const err241 = {instancePath:instancePath+"/plugins/" + key38.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/plugins/additionalProperties/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err241];
}
else {
vErrors.push(err241);
}
errors++;
}
}
}
else {
const err242 = {instancePath:instancePath+"/plugins",schemaPath:"#/properties/plugins/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err242];
}
else {
vErrors.push(err242);
}
errors++;
}
}
if(data.digest !== undefined){
let data111 = data.digest;
if(typeof data111 === "string"){
if(!pattern31.test(data111)){
const err243 = {instancePath:instancePath+"/digest",schemaPath:"#/properties/digest/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"}};
if(vErrors === null){
vErrors = [err243];
}
else {
vErrors.push(err243);
}
errors++;
}
}
else {
const err244 = {instancePath:instancePath+"/digest",schemaPath:"#/properties/digest/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err244];
}
else {
vErrors.push(err244);
}
errors++;
}
}
if(data.signatures !== undefined){
let data112 = data.signatures;
if(Array.isArray(data112)){
const len15 = data112.length;
for(let i21=0; i21<len15; i21++){
let data113 = data112[i21];
if(data113 && typeof data113 == "object" && !Array.isArray(data113)){
if(data113.alg === undefined){
const err245 = {instancePath:instancePath+"/signatures/" + i21,schemaPath:"#/properties/signatures/items/required",keyword:"required",params:{missingProperty: "alg"}};
if(vErrors === null){
vErrors = [err245];
}
else {
vErrors.push(err245);
}
errors++;
}
if(data113.keyid === undefined){
const err246 = {instancePath:instancePath+"/signatures/" + i21,schemaPath:"#/properties/signatures/items/required",keyword:"required",params:{missingProperty: "keyid"}};
if(vErrors === null){
vErrors = [err246];
}
else {
vErrors.push(err246);
}
errors++;
}
if(data113.sig === undefined){
const err247 = {instancePath:instancePath+"/signatures/" + i21,schemaPath:"#/properties/signatures/items/required",keyword:"required",params:{missingProperty: "sig"}};
if(vErrors === null){
vErrors = [err247];
}
else {
vErrors.push(err247);
}
errors++;
}
for(const key39 in data113){
if(!(((key39 === "alg") || (key39 === "keyid")) || (key39 === "sig"))){
const err248 = {instancePath:instancePath+"/signatures/" + i21,schemaPath:"#/properties/signatures/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key39}};
if(vErrors === null){
vErrors = [err248];
}
else {
vErrors.push(err248);
}
errors++;
}
}
if(data113.alg !== undefined){
if("ed25519" !== data113.alg){
const err249 = {instancePath:instancePath+"/signatures/" + i21+"/alg",schemaPath:"#/properties/signatures/items/properties/alg/const",keyword:"const",params:{allowedValue: "ed25519"}};
if(vErrors === null){
vErrors = [err249];
}
else {
vErrors.push(err249);
}
errors++;
}
}
if(data113.keyid !== undefined){
let data115 = data113.keyid;
if(typeof data115 === "string"){
if(!pattern31.test(data115)){
const err250 = {instancePath:instancePath+"/signatures/" + i21+"/keyid",schemaPath:"#/properties/signatures/items/properties/keyid/pattern",keyword:"pattern",params:{pattern: "^[0-9a-f]{64}$"}};
if(vErrors === null){
vErrors = [err250];
}
else {
vErrors.push(err250);
}
errors++;
}
}
else {
const err251 = {instancePath:instancePath+"/signatures/" + i21+"/keyid",schemaPath:"#/properties/signatures/items/properties/keyid/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err251];
}
else {
vErrors.push(err251);
}
errors++;
}
}
if(data113.sig !== undefined){
let data116 = data113.sig;
if(typeof data116 === "string"){
if(!pattern62.test(data116)){
const err252 = {instancePath:instancePath+"/signatures/" + i21+"/sig",schemaPath:"#/properties/signatures/items/properties/sig/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9+/]{86}==$"}};
if(vErrors === null){
vErrors = [err252];
}
else {
vErrors.push(err252);
}
errors++;
}
}
else {
const err253 = {instancePath:instancePath+"/signatures/" + i21+"/sig",schemaPath:"#/properties/signatures/items/properties/sig/type",keyword:"type",params:{type: "string"}};
if(vErrors === null){
vErrors = [err253];
}
else {
vErrors.push(err253);
}
errors++;
}
}
}
else {
const err254 = {instancePath:instancePath+"/signatures/" + i21,schemaPath:"#/properties/signatures/items/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err254];
}
else {
vErrors.push(err254);
}
errors++;
}
}
}
else {
const err255 = {instancePath:instancePath+"/signatures",schemaPath:"#/properties/signatures/type",keyword:"type",params:{type: "array"}};
if(vErrors === null){
vErrors = [err255];
}
else {
vErrors.push(err255);
}
errors++;
}
}
}
else {
const err256 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"}};
if(vErrors === null){
vErrors = [err256];
}
else {
vErrors.push(err256);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}
validate23.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

// The inlined schemas the validators were compiled from (annotations dropped): errors' schemaPath points into these.
export const schemas = {
 "agent": {
  "$id": "https://cork.dev/schemas/agent.schema.json",
  "title": "cork agent",
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "bottle": {
    "title": "bottle",
    "type": "string",
    "pattern": "^[a-z][a-z0-9-]*$"
   },
   "bottles": {
    "title": "bottles",
    "type": "array",
    "items": {
     "title": "bottle name",
     "type": "string",
     "pattern": "^[a-z][a-z0-9-]*$"
    },
    "minItems": 1,
    "uniqueItems": true
   },
   "skills": {
    "title": "skills",
    "type": "array",
    "uniqueItems": true,
    "items": {
     "title": "skill",
     "type": "string",
     "minLength": 1
    }
   },
   "git-gate": {
    "title": "git gate",
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "user": {
      "title": "git user",
      "type": "object",
      "additionalProperties": false,
      "properties": {
       "name": {
        "title": "name",
        "type": "string",
        "minLength": 1
       },
       "email": {
        "title": "email",
        "type": "string",
        "pattern": "^[^\\s@]+@[^\\s@]+$"
       }
      }
     }
    }
   },
   "budget": {
    "title": "budget",
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "cutoff": {
      "title": "cutoff policy",
      "type": "string",
      "enum": [
       "cutoff",
       "freeze",
       "kill"
      ]
     }
    },
    "patternProperties": {
     "^(?!cutoff$)[a-z][a-z0-9._-]*$": {
      "title": "provider budget",
      "oneOf": [
       {
        "title": "token count",
        "type": "integer",
        "minimum": 1
       },
       {
        "title": "token limit with window",
        "type": "object",
        "additionalProperties": false,
        "required": [
         "tokens"
        ],
        "properties": {
         "tokens": {
          "title": "tokens",
          "type": "integer",
          "minimum": 1
         },
         "window": {
          "title": "window",
          "type": "string",
          "pattern": "^[1-9][0-9]*[mhdw]$"
         }
        }
       }
      ]
     }
    }
   },
   "name": {
    "title": "name",
    "type": "string"
   },
   "description": {
    "title": "description",
    "type": "string"
   },
   "model": {
    "title": "model",
    "type": "string"
   },
   "color": {
    "title": "color",
    "type": "string"
   },
   "memory": {
    "title": "memory",
    "type": "string"
   },
   "tools": {
    "title": "tools",
    "oneOf": [
     {
      "title": "comma-separated string",
      "type": "string"
     },
     {
      "title": "list of tool names",
      "type": "array",
      "items": {
       "title": "tool",
       "type": "string"
      }
     }
    ]
   }
  }
 },
 "bottle": {
  "$id": "https://cork.dev/schemas/bottle.schema.json",
  "title": "cork bottle",
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "extends": {
    "title": "extends",
    "oneOf": [
     {
      "title": "bottle name",
      "type": "string",
      "pattern": "^[a-z][a-z0-9-]*$"
     },
     {
      "title": "list of bottle names",
      "type": "array",
      "items": {
       "title": "bottle name",
       "type": "string",
       "pattern": "^[a-z][a-z0-9-]*$"
      },
      "minItems": 1,
      "uniqueItems": true
     }
    ]
   },
   "env": {
    "title": "environment",
    "type": "object",
    "additionalProperties": false,
    "patternProperties": {
     "^[A-Za-z_][A-Za-z0-9_]*$": {
      "title": "environment variable value",
      "type": "string"
     }
    }
   },
   "agent_provider": {
    "title": "agent provider",
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "template": {
      "title": "template",
      "type": "string",
      "pattern": "^[a-z][a-z0-9._-]*$"
     },
     "host": {
      "title": "API host",
      "type": "string",
      "maxLength": 253,
      "pattern": "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$"
     },
     "auth_token": {
      "title": "auth token variable",
      "type": "string",
      "pattern": "^[A-Z_][A-Z0-9_]*$"
     },
     "forward_host_credentials": {
      "title": "forward host credentials",
      "type": "boolean"
     },
     "dockerfile": {
      "title": "Dockerfile",
      "type": "string",
      "minLength": 1
     },
     "startup_args": {
      "title": "startup arguments",
      "type": "array",
      "items": {
       "title": "argument",
       "type": "string"
      }
     }
    }
   },
   "git-gate": {
    "title": "git gate",
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "user": {
      "title": "git user",
      "type": "object",
      "additionalProperties": false,
      "properties": {
       "name": {
        "title": "name",
        "type": "string",
        "minLength": 1
       },
       "email": {
        "title": "email",
        "type": "string",
        "pattern": "^[^\\s@]+@[^\\s@]+$"
       }
      }
     },
     "repos": {
      "title": "repositories",
      "type": "object",
      "additionalProperties": false,
      "patternProperties": {
       "^[A-Za-z0-9][A-Za-z0-9._-]*$": {
        "title": "repository",
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "url": {
          "title": "URL",
          "type": "string",
          "minLength": 1
         },
         "key": {
          "title": "SSH key",
          "type": "string",
          "minLength": 1
         },
         "host_key": {
          "title": "SSH host key",
          "type": "string",
          "minLength": 1
         }
        }
       }
      }
     }
    }
   },
   "egress": {
    "title": "egress",
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "log": {
      "title": "log level",
      "type": "integer",
      "enum": [
       0,
       1,
       2
      ]
     },
     "routes": {
      "title": "routes",
      "type": "array",
      "items": {
       "title": "route",
       "type": "object",
       "additionalProperties": false,
       "required": [
        "host"
       ],
       "properties": {
        "host": {
         "title": "host",
         "type": "string",
         "maxLength": 253,
         "pattern": "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$"
        },
        "auth": {
         "title": "auth",
         "type": "object",
         "additionalProperties": false,
         "properties": {
          "scheme": {
           "title": "scheme",
           "type": "string",
           "enum": [
            "Bearer",
            "token"
           ]
          },
          "token_ref": {
           "title": "token variable",
           "type": "string",
           "pattern": "^[A-Z_][A-Z0-9_]*$"
          }
         }
        },
        "matches": {
         "title": "matches",
         "type": "array",
         "minItems": 1,
         "items": {
          "title": "match entry",
          "type": "object",
          "additionalProperties": false,
          "minProperties": 1,
          "properties": {
           "paths": {
            "title": "paths",
            "type": "array",
            "minItems": 1,
            "items": {
             "title": "path match",
             "type": "object",
             "additionalProperties": false,
             "required": [
              "type",
              "value"
             ],
             "properties": {
              "type": {
               "title": "type",
               "type": "string",
               "enum": [
                "prefix",
                "exact",
                "regex"
               ]
              },
              "value": {
               "title": "value",
               "type": "string",
               "minLength": 1
              }
             }
            }
           },
           "methods": {
            "title": "methods",
            "type": "array",
            "minItems": 1,
            "uniqueItems": true,
            "items": {
             "title": "method",
             "type": "string",
             "pattern": "^[A-Za-z]+$"
            }
           },
           "headers": {
            "title": "headers",
            "type": "array",
            "minItems": 1,
            "items": {
             "title": "header match",
             "type": "object",
             "additionalProperties": false,
             "required": [
              "name",
              "value"
             ],
             "properties": {
              "name": {
               "title": "name",
               "type": "string",
               "pattern": "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"
              },
              "value": {
               "title": "value",
               "type": "string"
              },
              "type": {
               "title": "type",
               "type": "string",
               "enum": [
                "exact",
                "regex"
               ]
              }
             }
            }
           }
          }
         }
        },
        "git": {
         "title": "git",
         "type": "object",
         "additionalProperties": false,
         "properties": {
          "fetch": {
           "title": "fetch",
           "type": "boolean"
          }
         }
        },
        "dlp": {
         "title": "data loss prevention",
         "oneOf": [
          {
           "title": "false",
           "const": false
          },
          {
           "title": "DLP settings",
           "type": "object",
           "additionalProperties": false,
           "properties": {
            "outbound_detectors": {
             "title": "outbound detectors",
             "oneOf": [
              {
               "title": "false",
               "const": false
              },
              {
               "title": "list of detector ids",
               "type": "array",
               "uniqueItems": true,
               "items": {
                "title": "detector id",
                "type": "string",
                "minLength": 1
               }
              }
             ]
            },
            "inbound_detectors": {
             "title": "inbound detectors",
             "oneOf": [
              {
               "title": "false",
               "const": false
              },
              {
               "title": "list of detector ids",
               "type": "array",
               "uniqueItems": true,
               "items": {
                "title": "detector id",
                "type": "string",
                "minLength": 1
               }
              }
             ]
            },
            "outbound_on_match": {
             "title": "on outbound match",
             "type": "string",
             "enum": [
              "block",
              "redact",
              "supervise"
             ]
            }
           }
          }
         ]
        },
        "trusted": {
         "title": "trusted",
         "type": "boolean"
        }
       }
      }
     }
    }
   },
   "budget": {
    "title": "budget",
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "cutoff": {
      "title": "cutoff policy",
      "type": "string",
      "enum": [
       "cutoff",
       "freeze",
       "kill"
      ]
     }
    },
    "patternProperties": {
     "^(?!cutoff$)[a-z][a-z0-9._-]*$": {
      "title": "provider budget",
      "oneOf": [
       {
        "title": "token count",
        "type": "integer",
        "minimum": 1
       },
       {
        "title": "token limit with window",
        "type": "object",
        "additionalProperties": false,
        "required": [
         "tokens"
        ],
        "properties": {
         "tokens": {
          "title": "tokens",
          "type": "integer",
          "minimum": 1
         },
         "window": {
          "title": "window",
          "type": "string",
          "pattern": "^[1-9][0-9]*[mhdw]$"
         }
        }
       }
      ]
     }
    }
   },
   "approvals": {
    "title": "approvals",
    "type": "object",
    "additionalProperties": false,
    "properties": {
     "rules": {
      "title": "rules",
      "type": "array",
      "items": {
       "title": "approval rule",
       "type": "object",
       "additionalProperties": false,
       "required": [
        "match",
        "action"
       ],
       "properties": {
        "match": {
         "title": "match",
         "type": "object",
         "additionalProperties": false,
         "properties": {
          "category": {
           "title": "category",
           "type": "string",
           "enum": [
            "egress",
            "dlp",
            "budget"
           ]
          },
          "tool": {
           "title": "tool",
           "type": "string",
           "minLength": 1
          },
          "host": {
           "title": "host",
           "type": "string",
           "minLength": 1
          },
          "cost_over": {
           "title": "cost over",
           "type": "integer",
           "minimum": 0
          }
         }
        },
        "action": {
         "title": "action",
         "type": "string",
         "enum": [
          "auto_approve",
          "auto_reject",
          "block"
         ]
        }
       }
      }
     },
     "default": {
      "title": "default action",
      "type": "string",
      "enum": [
       "auto_approve",
       "auto_reject",
       "block"
      ]
     },
     "ttl_seconds": {
      "title": "TTL (seconds)",
      "type": "integer",
      "minimum": 1
     }
    }
   },
   "plugins": {
    "title": "plugins",
    "type": "array",
    "items": {
     "title": "plugin",
     "type": "object",
     "additionalProperties": false,
     "required": [
      "use"
     ],
     "properties": {
      "use": {
       "title": "use",
       "type": "string",
       "pattern": "^(?:[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+|\\./(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.(?:ts|mts|js|mjs))$"
      },
      "options": {
       "title": "options",
       "type": "object"
      }
     }
    }
   },
   "rule_of_two": {
    "title": "Rule of Two waiver",
    "type": "object",
    "additionalProperties": false,
    "required": [
     "waive",
     "justification"
    ],
    "properties": {
     "waive": {
      "title": "waive",
      "type": "boolean"
     },
     "justification": {
      "title": "justification",
      "type": "string"
     }
    }
   }
  }
 },
 "settings": {
  "$id": "https://cork.dev/schemas/settings.schema.json",
  "title": "cork host settings",
  "type": "object",
  "additionalProperties": false,
  "properties": {
   "budgets": {
    "title": "global budgets",
    "type": "object",
    "additionalProperties": false,
    "patternProperties": {
     "^[a-z][a-z0-9._-]*$": {
      "title": "provider budget",
      "oneOf": [
       {
        "title": "token count",
        "type": "integer",
        "minimum": 1
       },
       {
        "title": "token limit with window",
        "type": "object",
        "additionalProperties": false,
        "required": [
         "tokens"
        ],
        "properties": {
         "tokens": {
          "title": "tokens",
          "type": "integer",
          "minimum": 1
         },
         "window": {
          "title": "window",
          "type": "string",
          "pattern": "^[1-9][0-9]*[mhdw]$"
         }
        }
       }
      ]
     }
    }
   },
   "cutoff": {
    "title": "default cutoff policy",
    "type": "string",
    "enum": [
     "cutoff",
     "freeze",
     "kill"
    ]
   },
   "estimate_floor_tokens": {
    "title": "estimate floor (tokens)",
    "type": "integer",
    "minimum": 0
   }
  }
 },
 "bundle": {
  "$id": "https://cork.dev/schemas/bundle.schema.json",
  "title": "cork policy bundle",
  "type": "object",
  "additionalProperties": false,
  "required": [
   "format",
   "compiler",
   "sources",
   "bottles",
   "agents",
   "plugins",
   "digest"
  ],
  "properties": {
   "format": {
    "title": "format",
    "const": 1
   },
   "compiler": {
    "title": "compiler",
    "type": "string",
    "minLength": 1
   },
   "revision": {
    "title": "revision",
    "type": "string",
    "minLength": 1
   },
   "sources": {
    "title": "sources",
    "type": "array",
    "items": {
     "title": "source file",
     "type": "object",
     "additionalProperties": false,
     "required": [
      "path",
      "sha256"
     ],
     "properties": {
      "path": {
       "title": "path",
       "type": "string",
       "minLength": 1
      },
      "sha256": {
       "title": "sha256",
       "type": "string",
       "pattern": "^[0-9a-f]{64}$"
      }
     }
    }
   },
   "bottles": {
    "title": "bottles",
    "type": "object",
    "additionalProperties": false,
    "patternProperties": {
     "^[a-z][a-z0-9-]*$": {
      "title": "resolved bottle",
      "type": "object",
      "additionalProperties": false,
      "required": [
       "name",
       "lineage"
      ],
      "properties": {
       "name": {
        "title": "bottle name",
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]*$"
       },
       "lineage": {
        "title": "lineage",
        "type": "array",
        "uniqueItems": true,
        "items": {
         "title": "bottle name",
         "type": "string",
         "pattern": "^[a-z][a-z0-9-]*$"
        }
       },
       "env": {
        "title": "environment",
        "type": "object",
        "additionalProperties": false,
        "patternProperties": {
         "^[A-Za-z_][A-Za-z0-9_]*$": {
          "title": "environment variable value",
          "type": "string"
         }
        }
       },
       "agent_provider": {
        "title": "agent provider",
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "template": {
          "title": "template",
          "type": "string",
          "pattern": "^[a-z][a-z0-9._-]*$"
         },
         "host": {
          "title": "API host",
          "type": "string",
          "maxLength": 253,
          "pattern": "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$"
         },
         "auth_token": {
          "title": "auth token variable",
          "type": "string",
          "pattern": "^[A-Z_][A-Z0-9_]*$"
         },
         "forward_host_credentials": {
          "title": "forward host credentials",
          "type": "boolean"
         },
         "dockerfile": {
          "title": "Dockerfile",
          "type": "string",
          "minLength": 1
         },
         "startup_args": {
          "title": "startup arguments",
          "type": "array",
          "items": {
           "title": "argument",
           "type": "string"
          }
         }
        }
       },
       "git-gate": {
        "title": "git gate",
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "user": {
          "title": "git user",
          "type": "object",
          "additionalProperties": false,
          "properties": {
           "name": {
            "title": "name",
            "type": "string",
            "minLength": 1
           },
           "email": {
            "title": "email",
            "type": "string",
            "pattern": "^[^\\s@]+@[^\\s@]+$"
           }
          }
         },
         "repos": {
          "title": "repositories",
          "type": "object",
          "additionalProperties": false,
          "patternProperties": {
           "^[A-Za-z0-9][A-Za-z0-9._-]*$": {
            "title": "repository",
            "type": "object",
            "additionalProperties": false,
            "properties": {
             "url": {
              "title": "URL",
              "type": "string",
              "minLength": 1
             },
             "key": {
              "title": "SSH key",
              "type": "string",
              "minLength": 1
             },
             "host_key": {
              "title": "SSH host key",
              "type": "string",
              "minLength": 1
             }
            }
           }
          }
         }
        }
       },
       "egress": {
        "title": "egress",
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "log": {
          "title": "log level",
          "type": "integer",
          "enum": [
           0,
           1,
           2
          ]
         },
         "routes": {
          "title": "routes",
          "type": "array",
          "items": {
           "title": "route",
           "type": "object",
           "additionalProperties": false,
           "required": [
            "host"
           ],
           "properties": {
            "host": {
             "title": "host",
             "type": "string",
             "maxLength": 253,
             "pattern": "^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\\[(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?\\]|(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{1,4}|(?:[0-9]{1,3}\\.){3}[0-9]{1,3})?)$"
            },
            "auth": {
             "title": "auth",
             "type": "object",
             "additionalProperties": false,
             "properties": {
              "scheme": {
               "title": "scheme",
               "type": "string",
               "enum": [
                "Bearer",
                "token"
               ]
              },
              "token_ref": {
               "title": "token variable",
               "type": "string",
               "pattern": "^[A-Z_][A-Z0-9_]*$"
              }
             }
            },
            "matches": {
             "title": "matches",
             "type": "array",
             "minItems": 1,
             "items": {
              "title": "match entry",
              "type": "object",
              "additionalProperties": false,
              "minProperties": 1,
              "properties": {
               "paths": {
                "title": "paths",
                "type": "array",
                "minItems": 1,
                "items": {
                 "title": "path match",
                 "type": "object",
                 "additionalProperties": false,
                 "required": [
                  "type",
                  "value"
                 ],
                 "properties": {
                  "type": {
                   "title": "type",
                   "type": "string",
                   "enum": [
                    "prefix",
                    "exact",
                    "regex"
                   ]
                  },
                  "value": {
                   "title": "value",
                   "type": "string",
                   "minLength": 1
                  }
                 }
                }
               },
               "methods": {
                "title": "methods",
                "type": "array",
                "minItems": 1,
                "uniqueItems": true,
                "items": {
                 "title": "method",
                 "type": "string",
                 "pattern": "^[A-Za-z]+$"
                }
               },
               "headers": {
                "title": "headers",
                "type": "array",
                "minItems": 1,
                "items": {
                 "title": "header match",
                 "type": "object",
                 "additionalProperties": false,
                 "required": [
                  "name",
                  "value"
                 ],
                 "properties": {
                  "name": {
                   "title": "name",
                   "type": "string",
                   "pattern": "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"
                  },
                  "value": {
                   "title": "value",
                   "type": "string"
                  },
                  "type": {
                   "title": "type",
                   "type": "string",
                   "enum": [
                    "exact",
                    "regex"
                   ]
                  }
                 }
                }
               }
              }
             }
            },
            "git": {
             "title": "git",
             "type": "object",
             "additionalProperties": false,
             "properties": {
              "fetch": {
               "title": "fetch",
               "type": "boolean"
              }
             }
            },
            "dlp": {
             "title": "data loss prevention",
             "oneOf": [
              {
               "title": "false",
               "const": false
              },
              {
               "title": "DLP settings",
               "type": "object",
               "additionalProperties": false,
               "properties": {
                "outbound_detectors": {
                 "title": "outbound detectors",
                 "oneOf": [
                  {
                   "title": "false",
                   "const": false
                  },
                  {
                   "title": "list of detector ids",
                   "type": "array",
                   "uniqueItems": true,
                   "items": {
                    "title": "detector id",
                    "type": "string",
                    "minLength": 1
                   }
                  }
                 ]
                },
                "inbound_detectors": {
                 "title": "inbound detectors",
                 "oneOf": [
                  {
                   "title": "false",
                   "const": false
                  },
                  {
                   "title": "list of detector ids",
                   "type": "array",
                   "uniqueItems": true,
                   "items": {
                    "title": "detector id",
                    "type": "string",
                    "minLength": 1
                   }
                  }
                 ]
                },
                "outbound_on_match": {
                 "title": "on outbound match",
                 "type": "string",
                 "enum": [
                  "block",
                  "redact",
                  "supervise"
                 ]
                }
               }
              }
             ]
            },
            "trusted": {
             "title": "trusted",
             "type": "boolean"
            }
           }
          }
         }
        }
       },
       "budget": {
        "title": "budget",
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "cutoff": {
          "title": "cutoff policy",
          "type": "string",
          "enum": [
           "cutoff",
           "freeze",
           "kill"
          ]
         }
        },
        "patternProperties": {
         "^(?!cutoff$)[a-z][a-z0-9._-]*$": {
          "title": "provider budget",
          "oneOf": [
           {
            "title": "token count",
            "type": "integer",
            "minimum": 1
           },
           {
            "title": "token limit with window",
            "type": "object",
            "additionalProperties": false,
            "required": [
             "tokens"
            ],
            "properties": {
             "tokens": {
              "title": "tokens",
              "type": "integer",
              "minimum": 1
             },
             "window": {
              "title": "window",
              "type": "string",
              "pattern": "^[1-9][0-9]*[mhdw]$"
             }
            }
           }
          ]
         }
        }
       },
       "approvals": {
        "title": "approvals",
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "rules": {
          "title": "rules",
          "type": "array",
          "items": {
           "title": "approval rule",
           "type": "object",
           "additionalProperties": false,
           "required": [
            "match",
            "action"
           ],
           "properties": {
            "match": {
             "title": "match",
             "type": "object",
             "additionalProperties": false,
             "properties": {
              "category": {
               "title": "category",
               "type": "string",
               "enum": [
                "egress",
                "dlp",
                "budget"
               ]
              },
              "tool": {
               "title": "tool",
               "type": "string",
               "minLength": 1
              },
              "host": {
               "title": "host",
               "type": "string",
               "minLength": 1
              },
              "cost_over": {
               "title": "cost over",
               "type": "integer",
               "minimum": 0
              }
             }
            },
            "action": {
             "title": "action",
             "type": "string",
             "enum": [
              "auto_approve",
              "auto_reject",
              "block"
             ]
            }
           }
          }
         },
         "default": {
          "title": "default action",
          "type": "string",
          "enum": [
           "auto_approve",
           "auto_reject",
           "block"
          ]
         },
         "ttl_seconds": {
          "title": "TTL (seconds)",
          "type": "integer",
          "minimum": 1
         }
        }
       },
       "plugins": {
        "title": "plugins",
        "type": "array",
        "items": {
         "title": "plugin",
         "type": "object",
         "additionalProperties": false,
         "required": [
          "use"
         ],
         "properties": {
          "use": {
           "title": "use",
           "type": "string",
           "pattern": "^(?:[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+|\\./(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\\.(?:ts|mts|js|mjs))$"
          },
          "options": {
           "title": "options",
           "type": "object"
          }
         }
        }
       },
       "rule_of_two": {
        "title": "Rule of Two waiver",
        "type": "object",
        "additionalProperties": false,
        "required": [
         "waive",
         "justification"
        ],
        "properties": {
         "waive": {
          "title": "waive",
          "type": "boolean"
         },
         "justification": {
          "title": "justification",
          "type": "string"
         }
        }
       }
      }
     }
    }
   },
   "agents": {
    "title": "agents",
    "type": "object",
    "additionalProperties": false,
    "patternProperties": {
     "^[a-z][a-z0-9-]*$": {
      "title": "resolved agent",
      "type": "object",
      "additionalProperties": false,
      "required": [
       "name",
       "bottles",
       "prompt"
      ],
      "properties": {
       "name": {
        "title": "agent name",
        "type": "string",
        "pattern": "^[a-z][a-z0-9-]*$"
       },
       "bottles": {
        "title": "bottles",
        "type": "array",
        "items": {
         "title": "bottle name",
         "type": "string",
         "pattern": "^[a-z][a-z0-9-]*$"
        },
        "minItems": 1,
        "uniqueItems": true
       },
       "skills": {
        "title": "skills",
        "type": "array",
        "uniqueItems": true,
        "items": {
         "title": "skill",
         "type": "string",
         "minLength": 1
        }
       },
       "git-gate": {
        "title": "git gate",
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "user": {
          "title": "git user",
          "type": "object",
          "additionalProperties": false,
          "properties": {
           "name": {
            "title": "name",
            "type": "string",
            "minLength": 1
           },
           "email": {
            "title": "email",
            "type": "string",
            "pattern": "^[^\\s@]+@[^\\s@]+$"
           }
          }
         }
        }
       },
       "budget": {
        "title": "budget",
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "cutoff": {
          "title": "cutoff policy",
          "type": "string",
          "enum": [
           "cutoff",
           "freeze",
           "kill"
          ]
         }
        },
        "patternProperties": {
         "^(?!cutoff$)[a-z][a-z0-9._-]*$": {
          "title": "provider budget",
          "oneOf": [
           {
            "title": "token count",
            "type": "integer",
            "minimum": 1
           },
           {
            "title": "token limit with window",
            "type": "object",
            "additionalProperties": false,
            "required": [
             "tokens"
            ],
            "properties": {
             "tokens": {
              "title": "tokens",
              "type": "integer",
              "minimum": 1
             },
             "window": {
              "title": "window",
              "type": "string",
              "pattern": "^[1-9][0-9]*[mhdw]$"
             }
            }
           }
          ]
         }
        }
       },
       "subagent": {
        "title": "subagent",
        "type": "object",
        "additionalProperties": false,
        "properties": {
         "name": {
          "title": "name",
          "type": "string"
         },
         "description": {
          "title": "description",
          "type": "string"
         },
         "model": {
          "title": "model",
          "type": "string"
         },
         "color": {
          "title": "color",
          "type": "string"
         },
         "memory": {
          "title": "memory",
          "type": "string"
         },
         "tools": {
          "title": "tools",
          "oneOf": [
           {
            "title": "comma-separated string",
            "type": "string"
           },
           {
            "title": "list of tool names",
            "type": "array",
            "items": {
             "title": "tool",
             "type": "string"
            }
           }
          ]
         }
        }
       },
       "prompt": {
        "title": "prompt",
        "type": "string"
       }
      }
     }
    }
   },
   "plugins": {
    "title": "plugins",
    "type": "object",
    "additionalProperties": {
     "title": "bundled plugin",
     "type": "object"
    }
   },
   "digest": {
    "title": "digest",
    "type": "string",
    "pattern": "^[0-9a-f]{64}$"
   },
   "signatures": {
    "title": "signatures",
    "type": "array",
    "items": {
     "title": "signature",
     "type": "object",
     "additionalProperties": false,
     "required": [
      "alg",
      "keyid",
      "sig"
     ],
     "properties": {
      "alg": {
       "title": "algorithm",
       "const": "ed25519"
      },
      "keyid": {
       "title": "key id",
       "type": "string",
       "pattern": "^[0-9a-f]{64}$"
      },
      "sig": {
       "title": "signature",
       "type": "string",
       "pattern": "^[A-Za-z0-9+/]{86}==$"
      }
     }
    }
   }
  }
 }
};
