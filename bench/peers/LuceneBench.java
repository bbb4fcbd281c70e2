// Lucene peer for bench/compare_relevance: the same corpus and queries through Lucene 8.8
// (Debian's liblucene8-java) with HindiAnalyzer or StandardAnalyzer, one text field, BM25.
//
//   java -cp JARS:DIR LuceneBench index [--analyzer hindi|standard] [--threads N] INPUT.tsv INDEXDIR
//   java -cp JARS:DIR LuceneBench search [--warmup N] [--phrases] INDEXDIR TOPICS.tsv K > run.tsv
//
// INPUT.tsv: id<TAB>title<TAB>body (bench/jsonl_to_tsv.py). The indexed text is
// title + " " + body in one field "text"; the id is a stored StringField.
// The analyzer is recorded in the index's commit data and search uses the same one.
// index prints Talash's summary line on stderr:
//   added=N replaced=0 unchanged=0 rejected=R documents=N seconds=S docs_per_s=X mb_per_s=Y
// search prints qid<TAB>rank<TAB>docid<TAB>score per hit and, last on stderr,
//   queries=N p50_ms=X p99_ms=Y total_s=Z
// Query time is in-process: QueryParser (default OR, text escaped) + TopDocs search +
// reading the stored ids. The JVM is warmed up with --warmup passes over the topics
// first (default 1, not timed), as a long-running server would be.
// --phrases (bench/search_classes): "quoted spans" stay phrases (PhraseQuery over the analyzed
// words, stopword gaps kept as position gaps, as QueryParser does); everything else is still
// escaped. Without it a quote is an ordinary character, as for bench/compare_relevance.
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

public final class LuceneBench {
  private static final String FIELD = "text";
  private static final String ID = "id";
  private static final String[] POISON = new String[0];
  private static final java.util.regex.Pattern OPERATOR = java.util.regex.Pattern.compile("(?<![\\p{L}\\p{M}\\p{N}])(AND|OR|NOT)(?![\\p{L}\\p{M}\\p{N}])");

  static Analyzer analyzer(String name) {
    switch (name) {
      case "hindi": return new HindiAnalyzer();        // its default stop set and stem exclusions
      case "standard": return new StandardAnalyzer();  // no stopwords in 8.x
      default: throw new IllegalArgumentException("unknown analyzer '" + name + "' (hindi|standard)");
    }
  }

  static int usage() {
    System.err.println("usage: LuceneBench index [--analyzer hindi|standard] [--threads N] INPUT.tsv INDEXDIR\n"
        + "       LuceneBench search [--warmup N] [--phrases] INDEXDIR TOPICS.tsv K");
    return 2;
  }

  public static void main(String[] argv) throws Exception {
    List<String> pos = new ArrayList<>();
    Map<String, String> opt = new HashMap<>();
    for (int i = 0; i < argv.length; i++) {
      if (argv[i].equals("--phrases")) {
        opt.put("phrases", "1");
      } else if (argv[i].startsWith("--")) {
        if (i + 1 >= argv.length) System.exit(usage());
        opt.put(argv[i].substring(2), argv[++i]);
      } else {
        pos.add(argv[i]);
      }
    }
    if (pos.isEmpty()) System.exit(usage());
    if (pos.get(0).equals("index") && pos.size() == 3) {
      int threads = Integer.parseInt(opt.getOrDefault("threads",
          String.valueOf(Runtime.getRuntime().availableProcessors())));
      System.exit(index(opt.getOrDefault("analyzer", "hindi"), Math.max(1, threads), Paths.get(pos.get(1)),
          Paths.get(pos.get(2))));
    } else if (pos.get(0).equals("search") && pos.size() == 4) {
      System.exit(search(Paths.get(pos.get(1)), Paths.get(pos.get(2)), Integer.parseInt(pos.get(3)),
          Integer.parseInt(opt.getOrDefault("warmup", "1")), opt.containsKey("phrases")));
    }
    System.exit(usage());
  }

  // Reads lines on this thread and adds documents on `threads` workers (IndexWriter is
  // thread-safe and analyzes in the calling thread), as Talash analyzes on one thread per core.
  static int index(String analyzerName, int threads, Path input, Path dir) throws Exception {
    long t0 = System.nanoTime();
    IndexWriterConfig cfg = new IndexWriterConfig(analyzer(analyzerName));
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    AtomicLong added = new AtomicLong();
    long rejected = 0, bytes = 0;
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (FSDirectory fsdir = FSDirectory.open(dir); IndexWriter w = new IndexWriter(fsdir, cfg)) {
      BlockingQueue<String[]> queue = new ArrayBlockingQueue<>(1024);
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread th = new Thread(() -> {
          try {
            for (String[] rec = queue.take(); rec != POISON; rec = queue.take()) {
              Document d = new Document();
              d.add(new StringField(ID, rec[0], Field.Store.YES));
              d.add(new TextField(FIELD, rec[1] + " " + rec[2], Field.Store.NO));
              w.addDocument(d);
              added.incrementAndGet();
            }
          } catch (Exception e) {
            failure.compareAndSet(null, e);
          }
        });
        th.start();
        workers.add(th);
      }
      try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null && failure.get() == null) {
          bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
          String[] f = line.split("\t", -1);
          if (f.length != 3 || f[0].isEmpty()) {
            rejected++;
            continue;
          }
          queue.put(f);
        }
      }
      for (int t = 0; t < threads; t++) queue.put(POISON);
      for (Thread th : workers) th.join();
      if (failure.get() != null) throw failure.get();
      Map<String, String> data = new HashMap<>();
      data.put("analyzer", analyzerName);
      w.setLiveCommitData(data.entrySet());
      w.commit();
    }
    double s = (System.nanoTime() - t0) / 1e9;
    long n = added.get();
    System.err.printf(Locale.ROOT,
        "lucene=%s analyzer=%s threads=%d%nadded=%d replaced=0 unchanged=0 rejected=%d documents=%d seconds=%.2f "
            + "docs_per_s=%.0f mb_per_s=%.2f%n",
        Version.LATEST, analyzerName, threads, n, rejected, n, s, n / s, bytes / 1e6 / s);
    return rejected > 0 ? 3 : 0;
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) return 0;
    int i = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.min(sorted.length - 1, i == 0 ? 0 : i - 1)];
  }

  // Standalone AND/OR/NOT survive QueryParser.escape and are operators; both analyzers
  // lower-case, so lower-casing them is the same query without the operator meaning.
  static Query parse(QueryParser qp, String text, boolean phrases) throws ParseException {
    try {
      return qp.parse(escape(text, phrases));
    } catch (ParseException e) {
      return qp.parse(escape(OPERATOR.matcher(text).replaceAll(m -> m.group().toLowerCase(Locale.ROOT)), phrases));
    }
  }

  // QueryParser.escape, except (with phrases, and balanced quotes) that "..." spans stay
  // quoted; inside quotes QueryParser only treats the backslash and the quote specially.
  static String escape(String text, boolean phrases) {
    if (!phrases || text.chars().filter(c -> c == '"').count() % 2 != 0) return QueryParser.escape(text);
    String[] parts = text.split("\"", -1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i % 2 == 0) {
        b.append(QueryParser.escape(parts[i]));
      } else {
        b.append('"').append(parts[i].replace("\\", "\\\\")).append('"');
      }
    }
    return b.toString();
  }

  static int search(Path dir, Path topics, int k, int warmup, boolean phrases) throws Exception {
    List<String[]> queries = new ArrayList<>();
    int lineNo = 0;
    for (String line : Files.readAllLines(topics, StandardCharsets.UTF_8)) {
      lineNo++;
      if (line.endsWith("\r")) line = line.substring(0, line.length() - 1);
      if (line.isEmpty()) continue;
      int tab = line.indexOf('\t');
      queries.add(tab < 0 ? new String[] {String.valueOf(lineNo), line}
                          : new String[] {line.substring(0, tab), line.substring(tab + 1)});
    }
    int failed = 0;
    try (FSDirectory fsdir = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(fsdir)) {
      String analyzerName = reader.getIndexCommit().getUserData().getOrDefault("analyzer", "hindi");
      Analyzer an = analyzer(analyzerName);
      IndexSearcher searcher = new IndexSearcher(reader);  // BM25Similarity (k1=1.2, b=0.75)
      QueryParser qp = new QueryParser(FIELD, an);        // default operator OR
      for (int pass = 0; pass < warmup; pass++) {
        for (String[] q : queries) {
          try {
            TopDocs td = searcher.search(parse(qp, q[1], phrases), k);
            for (ScoreDoc sd : td.scoreDocs) searcher.doc(sd.doc).get(ID);
          } catch (ParseException e) {
            // reported in the timed pass
          }
        }
      }
      double[] ms = new double[queries.size()];
      StringBuilder out = new StringBuilder();
      long start = System.nanoTime();
      for (int qi = 0; qi < queries.size(); qi++) {
        String[] q = queries.get(qi);
        long t0 = System.nanoTime();
        Query query;
        try {
          query = parse(qp, q[1], phrases);
        } catch (ParseException e) {
          ms[qi] = (System.nanoTime() - t0) / 1e6;
          failed++;
          System.err.println(topics + ": " + q[0] + ": " + e.getMessage().split("\n")[0]);
          continue;
        }
        TopDocs td = searcher.search(query, k);
        String[] ids = new String[td.scoreDocs.length];
        for (int i = 0; i < ids.length; i++) ids[i] = searcher.doc(td.scoreDocs[i].doc).get(ID);
        ms[qi] = (System.nanoTime() - t0) / 1e6;
        for (int i = 0; i < ids.length; i++) {
          out.append(q[0]).append('\t').append(i + 1).append('\t').append(ids[i]).append('\t')
              .append(String.format(Locale.ROOT, "%.4f", td.scoreDocs[i].score)).append('\n');
        }
      }
      double total = (System.nanoTime() - start) / 1e9;
      System.out.print(out);
      System.out.flush();
      Arrays.sort(ms);
      System.err.printf(Locale.ROOT, "lucene=%s analyzer=%s warmup=%d%nqueries=%d p50_ms=%.3f p99_ms=%.3f total_s=%.3f%n",
          Version.LATEST, analyzerName, warmup, ms.length, percentile(ms, 50), percentile(ms, 99), total);
    }
    return failed > 0 ? 3 : 0;
  }
}
