import hashlib, json, os, re, shutil
S='/work/shared/datasets'; P='/work/shared/peers/data'; D='datasets'
sums={l.split()[1]:l.split()[0] for l in open(S+'/SHA256SUMS') if l.strip()}
src=open(S+'/SOURCES.md').read()
files=[('heart_scale','binary/heart_scale','binary'),('australian_scale','binary/australian_scale','binary'),
('sonar','binary/sonar.svm','binary'),('ionosphere','binary/ionosphere.svm','binary'),
('breast_cancer_wdbc','binary/breast_cancer_wdbc.svm','binary'),('pima_diabetes','binary/pima_diabetes.svm','binary'),
('iris','multiclass/iris.svm','multiclass'),('wine','multiclass/wine.svm','multiclass'),('glass','multiclass/glass.svm','multiclass'),
('vehicle','multiclass/vehicle.svm','multiclass'),('dna.scale','multiclass/dna.scale','multiclass'),('dna.scale.t','multiclass/dna.scale.t','multiclass'),
('vowel_train','multiclass/vowel_train.svm','multiclass'),('vowel_test','multiclass/vowel_test.svm','multiclass'),
('diabetes_raw','regression/diabetes_raw.svm','regression'),('prostate_train','regression/prostate_train.svm','regression'),
('prostate_test','regression/prostate_test.svm','regression'),('boston_housing','regression/boston_housing.svm','regression'),
('auto_mpg','regression/auto_mpg.svm','regression'),('concrete','regression/concrete.svm','regression'),('longley','regression/longley.svm','regression'),
('abalone_scale','regression/abalone_scale','regression'),('cpusmall','regression/cpusmall.svm','regression'),
('QuickStartExample','glmnet_synthetic/QuickStartExample.svm','regression (SYNTHETIC)'),('BinomialExample','glmnet_synthetic/BinomialExample.svm','binary (SYNTHETIC)'),('PoissonExample','glmnet_synthetic/PoissonExample.svm','regression (SYNTHETIC)'),
('linnerud_exercise','regression/linnerud/linnerud_exercise.csv','multi-output regression'),('linnerud_physiological','regression/linnerud/linnerud_physiological.csv','multi-output regression')]
peers=[('peers/heart_scale','heart_scale','binary'),('peers/breast_cancer_scale','breast_cancer_scale','binary'),('peers/breast_cancer','breast_cancer','binary'),
('peers/diabetes','diabetes','regression'),('peers/wine_scale','wine_scale','multiclass'),('peers/digits_scale','digits_scale','multiclass'),('peers/digits','digits','multiclass')]
def sha(p): return hashlib.sha256(open(p,'rb').read()).hexdigest()
def svmshape(p):
    rows=0;nnz=0;mx=0
    for l in open(p):
        t=l.split()
        if not t: continue
        rows+=1
        for f in t[1:]:
            i,v=f.split(':'); nnz+=1; mx=max(mx,int(i))
    return rows,mx,nnz
def csvshape(p):
    ls=[l.split() for l in open(p) if l.strip()]
    return len(ls)-1,len(ls[0]),sum(1 for r in ls[1:] for v in r if float(v)!=0)
entries=[];md=[]
def note(rel):
    m=re.search(r'- \*\*`'+re.escape(rel)+r'`\*\* — (.*)',src)
    if m: return m.group(1).strip()
    if 'linnerud' in rel:
        return 'source: Debian package python3-sklearn 1.2.1+dfsg-1, sklearn/datasets/data/ ; Tenenhaus (1998). Verbatim, space-separated with header.'
    raise SystemExit('no provenance for '+rel)
for name,rel,task in files:
    s=S+'/'+rel; d=D+'/'+rel; os.makedirs(os.path.dirname(d),exist_ok=True); shutil.copyfile(s,d)
    h=sha(d); assert h==sums[rel],(rel,h)
    r,c,n=(csvshape if rel.endswith('.csv') else svmshape)(d)
    fmt='csv' if rel.endswith('.csv') else 'svmlight'
    entries.append(dict(name=name,path=rel,task=task,format=fmt,rows=r,columns=c,nnz=n,bytes=os.path.getsize(d),sha256=h,synthetic='SYNTHETIC' in task,
        provenance=note(rel).replace('et al.','et al').split('. Original publisher / citation: ')[-1].split('. ')[0].rstrip('.') if 'citation' in note(rel) else note(rel)[:120]))
    md.append((rel,task,r,c,n,os.path.getsize(d),h,'Copied from `../shared/datasets/'+rel+'` (checksum equals SHA256SUMS there). '+note(rel)))
bundle='Debian-package data written by /work/shared/peers/data/make_bundled_datasets.py (scikit-learn 1.2.1 bundled data via dump_svmlight_file, 1-based indices; heart_scale copied from liblinear-tools examples; *_scale via libsvm-tools svm-scale: -1..1 for breast_cancer/wine, 0..1 for digits). Used with /work/shared/peers/references.json reference optima.'
cites={'heart_scale':'UCI Statlog (Heart), LIBSVM datasets page (Chang & Lin)','breast_cancer_scale':'UCI Breast Cancer Wisconsin (Diagnostic), Street, Wolberg & Mangasarian (1993); labels 0/1','breast_cancer':'UCI Breast Cancer Wisconsin (Diagnostic), Street, Wolberg & Mangasarian (1993); labels 0/1',
'diabetes':'Efron, Hastie, Johnstone & Tibshirani (2004) LARS diabetes data, scikit-learn scaled version','wine_scale':'UCI Wine; labels 0..2','digits_scale':'UCI Optical Recognition of Handwritten Digits (test part); labels 0..9','digits':'UCI Optical Recognition of Handwritten Digits (test part); labels 0..9'}
for name,base,task in peers:
    s=P+'/'+base+'.svm'; rel=name+'.svm'; d=D+'/'+rel; os.makedirs(os.path.dirname(d),exist_ok=True); shutil.copyfile(s,d)
    h=sha(d); assert h==sha(s)
    r,c,n=svmshape(d)
    entries.append(dict(name=name,path=rel,task=task,format='svmlight',rows=r,columns=c,nnz=n,bytes=os.path.getsize(d),sha256=h,synthetic=False,provenance=cites[base]))
    md.append((rel,task,r,c,n,os.path.getsize(d),h,'Copied from `/work/shared/peers/data/'+base+'.svm`. '+bundle+' Original publisher / citation: '+cites[base]+'.'))
json.dump(dict(note='Datasets shipped with OptSuite; see PROVENANCE.md. columns = max feature index (svmlight) or column count (csv).',datasets=entries),open(D+'/catalog.json','w'),indent=1)
tot=sum(e['bytes'] for e in entries)
with open(D+'/PROVENANCE.md','w') as f:
    f.write('# Shipped datasets — provenance\n\nSmall real datasets copied into the repository so tests and examples run without the shared collection. '
      'Every file is a byte-for-byte copy; sha256 was recomputed after copying and checked against `../shared/datasets/SHA256SUMS` (or the peers source file). '
      'Shapes and nnz were measured from the copied files (rows x max feature index for svmlight; rows x columns, header excluded, for CSV; nnz counts stored entries, for CSV the non-zero values). '
      'The measured rows, columns and nnz of the 25 files from `../shared/datasets` equal the published table in its SOURCES.md; the linnerud CSVs are 20 x 3 as stated there; '
      'the `peers/` files match the shapes in the docstring of `make_bundled_datasets.py` (breast_cancer 569 x 30, digits 1797 x 64, diabetes 442 x 10, wine 178 x 13, heart_scale 270 x 13). '
      '`peers/heart_scale.svm` is byte-identical to `binary/heart_scale`; it is kept under the name that `/work/shared/peers/references.json` uses. '
      'Details of the original sources are in `../shared/datasets/SOURCES.md` and `/work/shared/peers/README.md`. '
      'Files under `glmnet_synthetic/` are SYNTHETIC (glmnet example data), not real data.\n\n'
      f'Total: {len(entries)} files, {tot} bytes ({tot/1048576:.2f} MiB). The machine-readable list is `catalog.json` (read by `OptSuite.Data.DatasetCatalog`).\n\n')
    f.write('| file | task | rows x columns | nnz | bytes | sha256 |\n|---|---|---|---|---|---|\n')
    for rel,task,r,c,n,b,h,_ in md: f.write(f'| `{rel}` | {task} | {r} x {c} | {n} | {b} | `{h}` |\n')
    f.write('\n## Source and citation per file\n\n')
    for rel,task,r,c,n,b,h,txt in md: f.write(f'- **`{rel}`** — {txt}\n')
print(tot, len(entries))
